import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@upsell/client';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { DangerRowButton } from '../ui/danger-row-button.tsx';
import { formatMoment } from '../ui/format.ts';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { ListQuery } from '../ui/list-query.tsx';
import { MutationConfirmDialog } from '../ui/mutation-confirm-dialog.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { METRIC_LABELS } from './definition-labels.ts';
import { TargetForm } from './target-form.tsx';
import { percent, segmentText } from './target-text.ts';

type Target = RouterOutputs['target']['list'][number];

/** `/targets`: target rates per metric and segment; admins set and delete them, others read them. */
export function TargetsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const targets = useQuery(trpc.target.list.queryOptions({}));
  const [deleting, setDeleting] = useState<Target>();
  const remove = useMutation(
    trpc.target.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(undefined);
        await queryClient.invalidateQueries(trpc.target.pathFilter());
        await queryClient.invalidateQueries(trpc.metric.pathFilter());
      },
    }),
  );

  return (
    <section className="page">
      <h1>Targets</h1>
      <p className="hint">
        A target is the rate you aim for. The dashboards draw the target of a metric for all customers as a
        line and show the gap to it; targets of a segment are kept here for reference.
      </p>
      {isAdmin && <TargetForm />}
      <ListQuery
        query={targets}
        what="targets"
        empty={{
          title: 'No targets yet',
          body: <p>{isAdmin ? 'Set one above.' : 'An admin can set a target rate per metric.'}</p>,
        }}
      >
        {(rows) => (
          <TableScroll label="Targets">
            <table>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Segment</th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col">Updated</th>
                  {isAdmin && <HiddenColumnHeader label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((target) => (
                  <tr key={target.id}>
                    <th scope="row">{METRIC_LABELS[target.metric]}</th>
                    <td>{segmentText(target.segment)}</td>
                    <td className="num">{percent(target.rate)}</td>
                    <td>{formatMoment(target.updatedAt)}</td>
                    {isAdmin && (
                      <td className="row-actions">
                        <DangerRowButton
                          action="Delete"
                          subject={`target of ${METRIC_LABELS[target.metric]} for ${segmentText(target.segment)}`}
                          onClick={() => setDeleting(target)}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ListQuery>
      {deleting && (
        <MutationConfirmDialog
          title="Delete this target?"
          confirmLabel="Delete target"
          mutation={remove}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(undefined)}
        >
          <p>
            {METRIC_LABELS[deleting.metric]} for {segmentText(deleting.segment)}: {percent(deleting.rate)}.
            The dashboards stop showing it.
          </p>
        </MutationConfirmDialog>
      )}
    </section>
  );
}
