import { ALERT_CONDITIONS, UpsellError } from '@upsell/core';
import { type DefinitionFlags, definitionFromOptions } from '../definition-flags.ts';
import { EXIT } from '../exit-code.ts';
import { connect, type ServerOptions } from '../remote/connect.ts';
import { alertRulesTable, alertTestText, createdAlertText } from '../reporters/alert-reporters.ts';
import type { Terminal } from '../terminal.ts';

type Format = { format: 'table' | 'json' };

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** `upsell alerts list [--dataset <name>]`: the server's alert rules (a dataset's), one line each. */
export async function alertsListCommand(
  options: ServerOptions & Format & { dataset?: string },
  terminal: Terminal,
): Promise<number> {
  const { client } = connect(options);
  const rules = await client.alert.list.query(
    options.dataset === undefined ? {} : { dataset: options.dataset },
  );
  if (options.format === 'json') {
    terminal.out(json(rules));
    return EXIT.ok;
  }
  const names = new Map((await client.dataset.list.query()).map((d) => [d.id, d.name]));
  terminal.out(alertRulesTable(rules, names));
  return EXIT.ok;
}

/** Reads `--threshold 90` or `90%` as 0.9; NRR may be above 100%, so up to 1000%. */
export function parseThreshold(text: string): number {
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1000) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--threshold "${text}": give a percentage from 0 to 1000, e.g. 90 (NRR below 90%)`,
    );
  }
  return value / 100;
}

/** What `upsell alerts create` takes besides the definition options. */
export interface AlertsCreateOptions extends ServerOptions, Format, DefinitionFlags {
  dataset: string;
  condition: string;
  url: string;
  name?: string;
  threshold?: string;
}

/**
 * `upsell alerts create --dataset shop --condition below-target --url https://...`: a rule on the
 * dataset under the definition the options give (the metric of a subscription dataset when
 * `--metric` is left out); prints the signing secret this once.
 */
export async function alertsCreateCommand(options: AlertsCreateOptions, terminal: Terminal): Promise<number> {
  const condition = ALERT_CONDITIONS.find((c) => c === options.condition);
  if (condition === undefined) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `--condition "${options.condition}": one of ${ALERT_CONDITIONS.join(', ')}`,
    );
  }
  const retention = condition === 'nrr-below' || condition === 'grr-below';
  if (retention !== (options.threshold !== undefined)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      retention
        ? `--condition ${condition} needs --threshold <percent>, e.g. 90`
        : `--threshold is for nrr-below and grr-below; ${condition} compares with the rate's band, target, benchmark or previous period`,
    );
  }
  const { client } = connect(options);
  const dataset = await client.dataset.byId.query({ id: options.dataset });
  const metricDefaulted = options.defaulted?.includes('metric') ?? false;
  const definition = definitionFromOptions(
    dataset.kind === 'subscriptions' && metricDefaulted
      ? { ...options, metric: 'subscription-upsell-rate' }
      : options,
  );
  const created = await client.alert.create.mutate({
    name: options.name ?? `${condition} on ${dataset.name}`,
    dataset: dataset.id,
    definition,
    condition,
    url: options.url,
    ...(options.threshold === undefined ? {} : { threshold: parseThreshold(options.threshold) }),
  });
  terminal.out(options.format === 'json' ? json(created) : createdAlertText(created, dataset.name));
  return EXIT.ok;
}

/** `upsell alerts delete <id>`: removes a rule with its firings and deliveries. */
export async function alertsDeleteCommand(
  id: string,
  options: ServerOptions & Format,
  terminal: Terminal,
): Promise<number> {
  const { client } = connect(options);
  await client.alert.delete.mutate({ id });
  terminal.out(options.format === 'json' ? json({ deleted: id }) : `Deleted alert rule ${id}\n`);
  return EXIT.ok;
}

/**
 * `upsell alerts test <id>`: sends a test payload to the rule's webhook now; exit code 1 when
 * the receiver did not take it.
 */
export async function alertsTestCommand(
  id: string,
  options: ServerOptions & Format,
  terminal: Terminal,
): Promise<number> {
  const { client } = connect(options);
  const rule = (await client.alert.list.query()).find((r) => r.id === id);
  const outcome = await client.alert.test.mutate({ id });
  terminal.out(
    options.format === 'json' ? json(outcome) : alertTestText(outcome, rule?.url ?? 'the webhook'),
  );
  return outcome.delivery.status === 'delivered' ? EXIT.ok : EXIT.failed;
}
