import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { DangerRowButton } from '../ui/danger-row-button.tsx';
import { MutationConfirmDialog } from '../ui/mutation-confirm-dialog.tsx';

/**
 * Deletes a dataset after the admin types its name in a confirmation dialog. Renders nothing for
 * other roles (the server refuses them too).
 */
export function DatasetDeleteButton({ name }: { name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation(
    trpc.dataset.delete.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        queryClient.removeQueries({ queryKey: trpc.dataset.byId.queryKey({ id: name }) });
        await queryClient.invalidateQueries({ queryKey: trpc.dataset.list.queryKey() });
      },
    }),
  );
  if (!isAdmin) return null;
  return (
    <>
      <DangerRowButton action="Delete" subject={`dataset ${name}`} onClick={() => setConfirming(true)} />
      {confirming && (
        <MutationConfirmDialog
          title={`Delete the dataset “${name}”?`}
          confirmLabel="Delete dataset"
          confirmText={name}
          mutation={remove}
          onConfirm={() => remove.mutate({ id: name })}
          onClose={() => setConfirming(false)}
        >
          <p>
            Its files, rejected rows and cached results are deleted for everyone. Saved definitions and
            targets stay. This cannot be undone.
          </p>
        </MutationConfirmDialog>
      )}
    </>
  );
}
