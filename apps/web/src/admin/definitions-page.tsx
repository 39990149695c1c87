import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { Link } from '../layout/link.tsx';
import { useLocation } from '../routing/use-location.ts';
import { DangerRowButton } from '../ui/danger-row-button.tsx';
import { formatMoment } from '../ui/format.ts';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { ListQuery } from '../ui/list-query.tsx';
import { MutationConfirmDialog } from '../ui/mutation-confirm-dialog.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { DefinitionForm, type SavedDefinition } from './definition-form.tsx';
import { ELIGIBILITY_LABELS, METRIC_LABELS } from './definition-labels.ts';

/**
 * `/definitions`: saved, named metric definitions. Analysts and admins create, edit and delete
 * them (`?edit=new` or `?edit=<id>` opens the form); viewers read them.
 */
export function DefinitionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canEdit = useCan('analyst');
  const { params, navigate } = useLocation();
  const editing = canEdit ? (params.get('edit') ?? undefined) : undefined;
  const definitions = useQuery(trpc.definition.list.queryOptions());
  const [deleting, setDeleting] = useState<SavedDefinition>();
  const remove = useMutation(
    trpc.definition.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(undefined);
        await queryClient.invalidateQueries(trpc.definition.pathFilter());
      },
    }),
  );
  const close = () => navigate('/definitions');
  const edited =
    editing && editing !== 'new' ? definitions.data?.find((row) => row.id === editing) : undefined;

  return (
    <section className="page">
      <div className="page-head">
        <h1>Definitions</h1>
        {canEdit && !editing && (
          <Link to="/definitions?edit=new" className="button primary">
            New definition
          </Link>
        )}
      </div>
      <p className="hint">
        A saved definition names a way of counting (metric, rule, eligibility, period, time zone, segments) so
        everyone computes the same numbers.
      </p>
      {editing === 'new' && <DefinitionForm onDone={close} onCancel={close} />}
      {edited && <DefinitionForm key={edited.id} saved={edited} onDone={close} onCancel={close} />}
      {editing && editing !== 'new' && definitions.isSuccess && !edited && (
        <p className="panel" role="alert">
          No saved definition with id {editing}: it may have been deleted.{' '}
          <Link to="/definitions">Close</Link>
        </p>
      )}
      <ListQuery
        query={definitions}
        what="definitions"
        empty={{
          title: 'No saved definitions yet',
          body: (
            <p>
              {canEdit
                ? 'Save one with “New definition”: the dashboards and the CLI can then use it by name.'
                : 'Analysts and admins can save definitions; until then dashboards use the defaults.'}
            </p>
          ),
        }}
      >
        {(rows) => (
          <TableScroll label="Saved definitions">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Metric</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Eligible</th>
                  <th scope="col">Period</th>
                  <th scope="col">Time zone</th>
                  <th scope="col">Segment by</th>
                  <th scope="col">Updated</th>
                  {canEdit && <HiddenColumnHeader label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => {
                  const d = row.definition;
                  return (
                    <tr key={row.id}>
                      <th scope="row">
                        {row.name}
                        {row.description && <span className="sub">{row.description}</span>}
                      </th>
                      <td>{METRIC_LABELS[d.metric ?? 'customer-upsell-rate']}</td>
                      <td>{d.rule ?? 'auto'}</td>
                      <td title={ELIGIBILITY_LABELS[d.eligible ?? 'all']}>{d.eligible ?? 'all'}</td>
                      <td>{d.period ?? 'quarter'}</td>
                      <td>{d.timeZone ?? 'UTC'}</td>
                      <td>{d.by && d.by.length > 0 ? d.by.join(', ') : '—'}</td>
                      <td>{formatMoment(row.updatedAt)}</td>
                      {canEdit && (
                        <td className="row-actions">
                          <Link to={`/definitions?edit=${encodeURIComponent(row.id)}`}>
                            Edit<span className="visually-hidden"> {row.name}</span>
                          </Link>
                          <DangerRowButton
                            action="Delete"
                            subject={row.name}
                            onClick={() => setDeleting(row)}
                          />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ListQuery>
      {deleting && (
        <MutationConfirmDialog
          title={`Delete the definition “${deleting.name}”?`}
          confirmLabel="Delete definition"
          mutation={remove}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(undefined)}
        >
          <p>Views and scripts that use it by name stop finding it. Datasets and targets stay.</p>
        </MutationConfirmDialog>
      )}
    </section>
  );
}
