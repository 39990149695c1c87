import { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog.tsx';

/** Props of {@link MutationConfirmDialog}. */
export interface MutationConfirmDialogProps extends Omit<ConfirmDialogProps, 'busy' | 'error' | 'onCancel'> {
  /** The mutation that does the act: the dialog is busy while it runs and shows its error. */
  mutation: { isPending: boolean; error: unknown; reset(): void };
  /** Cancelled: the mutation's error is cleared and the dialog should close. */
  onClose(): void;
}

/**
 * A {@link ConfirmDialog} for an act done by a mutation, so each page states only what is done
 * and to what. The mutation's `onSuccess` closes it.
 *
 * @example
 * {deleting && <MutationConfirmDialog title="Delete?" confirmLabel="Delete" mutation={remove} onConfirm={() => remove.mutate({ id: deleting.id })} onClose={() => setDeleting(undefined)}>…</MutationConfirmDialog>}
 */
export function MutationConfirmDialog({ mutation, onClose, ...props }: MutationConfirmDialogProps) {
  return (
    <ConfirmDialog
      {...props}
      busy={mutation.isPending}
      error={mutation.error ?? undefined}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
    />
  );
}
