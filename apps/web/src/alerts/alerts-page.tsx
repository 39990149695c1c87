import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouterOutputs } from '@upsell/client';
import { useState } from 'react';
import { useTRPC } from '../api/trpc.ts';
import { useCan } from '../auth/session.tsx';
import { useLocation } from '../routing/use-location.ts';
import { DangerRowButton } from '../ui/danger-row-button.tsx';
import { ErrorPanel } from '../ui/error-panel.tsx';
import { formatMoment } from '../ui/format.ts';
import { HiddenColumnHeader } from '../ui/hidden-column-header.tsx';
import { ListQuery } from '../ui/list-query.tsx';
import { MutationConfirmDialog } from '../ui/mutation-confirm-dialog.tsx';
import { TableScroll } from '../ui/table-scroll.tsx';
import { AlertRuleForm } from './alert-rule-form.tsx';
import { conditionText } from './alert-text.ts';

type Rule = RouterOutputs['alert']['list'][number];

/** A firing's or a delivery's status as a badge: delivered, pending (retrying), failed. */
function StatusBadge({ status }: { status: string }) {
  return <span className={`status-badge status-${status}`}>{status}</span>;
}

/**
 * `/alerts` (`?dataset=<name>` for one dataset's): the alert rules, their firings and every
 * delivery attempt with its status. Admins create and delete rules and send a test payload.
 */
export function AlertsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isAdmin = useCan('admin');
  const { params, navigate } = useLocation();
  const dataset = params.get('dataset') ?? undefined;
  const filter = dataset === undefined ? {} : { dataset };
  const datasets = useQuery(trpc.dataset.list.queryOptions());
  const rules = useQuery(trpc.alert.list.queryOptions(filter));
  const firings = useQuery(trpc.alert.firings.queryOptions({ ...filter, limit: 50 }));
  const deliveries = useQuery(trpc.alert.deliveries.queryOptions({ ...filter, limit: 50 }));
  const [deleting, setDeleting] = useState<Rule>();
  const [tested, setTested] = useState<{ rule: Rule; outcome: RouterOutputs['alert']['test'] }>();
  const refresh = () => queryClient.invalidateQueries(trpc.alert.pathFilter());
  const remove = useMutation(
    trpc.alert.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(undefined);
        await refresh();
      },
    }),
  );
  const test = useMutation(trpc.alert.test.mutationOptions({ onSettled: () => refresh() }));

  const datasetName = new Map((datasets.data ?? []).map((d) => [d.id, d.name]));
  const ruleName = new Map((rules.data ?? []).map((r) => [r.id, r.name]));
  const firingOf = new Map((firings.data ?? []).map((f) => [f.id, f]));

  return (
    <section className="page alerts-page">
      <div className="page-head">
        <h1>Alerts</h1>
        <label className="inline-field">
          <span>Show alerts of</span>
          <select
            value={dataset ?? ''}
            onChange={(e) =>
              navigate(
                e.target.value === '' ? '/alerts' : `/alerts?dataset=${encodeURIComponent(e.target.value)}`,
              )
            }
          >
            <option value="">All datasets</option>
            {(datasets.data ?? []).map((d) => (
              <option key={d.id} value={d.name}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint">
        A rule watches the latest period of a dataset after every import and append and on the server's
        schedule. Each firing is POSTed once to the rule's webhook, signed, and retried with backoff until the
        receiver answers 2xx.
      </p>
      {isAdmin && <AlertRuleForm key={dataset ?? ''} {...(dataset === undefined ? {} : { dataset })} />}

      <h2>Rules</h2>
      <ListQuery
        query={rules}
        what="alert rules"
        empty={{
          title: 'No alert rules yet',
          body: <p>{isAdmin ? 'Create one above.' : 'An admin can create alert rules.'}</p>,
        }}
      >
        {(rows) => (
          <TableScroll label="Alert rules">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Dataset</th>
                  <th scope="col">Condition</th>
                  <th scope="col">Period</th>
                  <th scope="col">Webhook</th>
                  {isAdmin && <HiddenColumnHeader label="Actions" />}
                </tr>
              </thead>
              <tbody>
                {rows.map((rule) => (
                  <tr key={rule.id}>
                    <th scope="row">{rule.name}</th>
                    <td>{datasetName.get(rule.datasetId) ?? rule.datasetId}</td>
                    <td>{conditionText(rule)}</td>
                    <td>{rule.definition.period}</td>
                    <td className="webhook-url">{rule.url}</td>
                    {isAdmin && (
                      <td className="row-actions">
                        <button
                          type="button"
                          className="link-button"
                          disabled={test.isPending}
                          onClick={() =>
                            test.mutate(
                              { id: rule.id },
                              { onSuccess: (outcome) => setTested({ rule, outcome }) },
                            )
                          }
                        >
                          Send test<span className="visually-hidden"> of {rule.name}</span>
                        </button>{' '}
                        <DangerRowButton
                          action="Delete"
                          subject={`rule ${rule.name}`}
                          onClick={() => setDeleting(rule)}
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
      {test.error && <ErrorPanel title="Could not send the test" error={test.error} />}
      {tested && (
        <p role="status" className={tested.outcome.delivery.status === 'delivered' ? 'ok' : 'field-error'}>
          Test of “{tested.rule.name}”:{' '}
          {tested.outcome.delivery.status === 'delivered'
            ? `delivered (HTTP ${tested.outcome.delivery.httpStatus}, ${tested.outcome.delivery.durationMs} ms).`
            : `failed: ${tested.outcome.delivery.error ?? 'no reason given'}.`}
        </p>
      )}

      <h2>Firings</h2>
      <ListQuery
        query={firings}
        what="firings"
        empty={{
          title: 'Nothing has fired',
          body: <p>Firings appear here when a rule's condition is met.</p>,
        }}
      >
        {(rows) => (
          <TableScroll label="Firings">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Rule</th>
                  <th scope="col">What</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((firing) => (
                  <tr key={firing.id}>
                    <td>{formatMoment(firing.createdAt)}</td>
                    <td>{ruleName.get(firing.ruleId) ?? firing.ruleId}</td>
                    <td>{firing.message}</td>
                    <td>
                      <StatusBadge status={firing.status} />
                    </td>
                    <td className="num">{firing.attempts}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ListQuery>

      <h2>Deliveries</h2>
      <ListQuery
        query={deliveries}
        what="deliveries"
        empty={{ title: 'No deliveries yet', body: <p>Every attempt to reach a webhook is listed here.</p> }}
      >
        {(rows) => (
          <TableScroll label="Deliveries">
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Firing</th>
                  <th scope="col" className="num">
                    Attempt
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Answer</th>
                  <th scope="col" className="num">
                    Time
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>{formatMoment(delivery.createdAt)}</td>
                    <td>{firingOf.get(delivery.firingId)?.message ?? delivery.firingId}</td>
                    <td className="num">{delivery.attempt}</td>
                    <td>
                      <StatusBadge status={delivery.status} />
                    </td>
                    <td>
                      {delivery.error ?? (delivery.httpStatus === null ? '' : `HTTP ${delivery.httpStatus}`)}
                    </td>
                    <td className="num">{delivery.durationMs} ms</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </ListQuery>

      {deleting && (
        <MutationConfirmDialog
          title="Delete this alert rule?"
          confirmLabel="Delete rule"
          mutation={remove}
          onConfirm={() => remove.mutate({ id: deleting.id })}
          onClose={() => setDeleting(undefined)}
        >
          <p>
            “{deleting.name}” ({conditionText(deleting)}) stops firing, and its firings and deliveries are
            removed.
          </p>
        </MutationConfirmDialog>
      )}
    </section>
  );
}
