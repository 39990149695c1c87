import { randomBytes, randomUUID } from 'node:crypto';
import {
  type AlertCondition,
  type AlertFiring,
  applyMetricDefaults,
  type Definition,
  type DefinitionInput,
  DefinitionSchema,
  evaluateAlertRule,
  isRetentionCondition,
  UpsellError,
} from '@upsell/core';
import {
  type DatasetStore,
  DatasetStoreError,
  type DatasetSummary,
  openSecret,
  type SecretKey,
  sealSecret,
} from '@upsell/datasets';
import {
  type AlertDeliveryRow,
  type AlertFiringRow,
  type AlertRuleRow,
  claimDueAlertFirings,
  createAlertRule,
  type Db,
  type DueAlertFiring,
  datasetsWithAlertRules,
  findAlertFirings,
  findAlertRuleWithSecret,
  listAlertDeliveries,
  listAlertRules,
  recordAlertAttempt,
  recordAlertFiring,
  type TargetRow,
} from '@upsell/db';
import { applySavedTarget } from '../apply-saved-target.ts';
import type { TtlCache } from '../ttl-cache.ts';
import { postWebhook } from './post-webhook.ts';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.ts';
import { checkWebhookUrl } from './webhook-url.ts';

/** Binds a sealed webhook secret to what it is: a sealed source URL does not open as one. */
const SECRET_PURPOSE = 'upsell alert webhook secret v1';

/** Defaults of {@link AlertServiceOptions}. */
export const ALERT_DEFAULTS = {
  /**
   * Most firings one rule records per evaluation: a rule by a dimension of many values (a
   * customer id) would otherwise send a request per value. The first segments by name are kept.
   */
  maxFiringsPerRule: 100,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  timeoutMs: 10_000,
  /** Backoff stops growing here: 6 hours. */
  maxRetryDelayMs: 6 * 3600 * 1000,
} as const;

/** Options of {@link createAlertService}. */
export interface AlertServiceOptions {
  db: Db;
  store: DatasetStore;
  /** Seals the webhook secrets (UPSELL_SECRET_KEY); without it rules cannot be created or sent. */
  secretKey: SecretKey | undefined;
  /** Allow webhooks to loopback and private addresses (UPSELL_ALERTS_ALLOW_PRIVATE_WEBHOOKS=1). */
  allowPrivate: boolean;
  /**
   * Where people open the server (UPSELL_PUBLIC_URL): the payload's dashboard link starts with
   * it. A function for a host that knows its address only once it listens.
   */
  publicUrl: string | (() => string);
  /** Attempts per firing before it is given up (failed). */
  maxAttempts?: number;
  /** Most firings one rule records per evaluation (default {@link ALERT_DEFAULTS}). */
  maxFiringsPerRule?: number;
  /** The wait after the first failed attempt; it doubles after each. */
  retryBaseMs?: number;
  /** The longest one POST may take. */
  timeoutMs?: number;
  /** The saved targets' cache the API shares, so `below-target` reads what `metric.query` reads. */
  targets?: TtlCache<TargetRow[]>;
  log?: (line: string) => void;
  /** The clock (tests). */
  now?: () => Date;
}

/** What creating a rule takes. */
export interface AlertRuleInput {
  name: string;
  datasetId: string;
  definition: Definition;
  condition: AlertCondition;
  threshold?: number | undefined;
  url: string;
}

/** What a "send test" came to. */
export interface AlertTestOutcome {
  firing: AlertFiringRow;
  delivery: AlertDeliveryRow;
}

/** Alert rules at work: evaluation, the outbox worker and tests. See {@link createAlertService}. */
export interface AlertService {
  readonly allowPrivate: boolean;
  /** Stores a rule; the signing secret (`whsec_...`) is returned this once and kept sealed. */
  createRule(input: AlertRuleInput): Promise<{ rule: AlertRuleRow; secret: string }>;
  /** Evaluates a dataset's rules and records new firings (then sends them); returns those. */
  evaluateDataset(datasetId: string): Promise<AlertFiringRow[]>;
  /** {@link evaluateDataset} for every dataset with rules (the schedule). */
  evaluateAll(): Promise<number>;
  /** Sends a test payload now, once (no retries), and records it: a firing with condition `test`. */
  sendTest(ruleId: string): Promise<AlertTestOutcome>;
  /** Makes one attempt for each firing that is due; returns how many it attempted. */
  deliverDue(): Promise<number>;
  /** Evaluates a dataset after an import or append, in the background (errors are logged). */
  datasetChanged(datasetId: string): void;
  /** Evaluates every `intervalMs` (0: never) and looks for due firings every `pollMs`, until close. */
  start(options: { intervalMs: number; pollMs?: number }): void;
  /** Resolves when no evaluation or delivery started before the call is running. */
  idle(): Promise<void>;
  /** Stops the timers and waits for what is running. */
  close(): Promise<void>;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

function requireKey(key: SecretKey | undefined): SecretKey {
  if (key === undefined) {
    throw new DatasetStoreError(
      'NOT_CONFIGURED',
      "alerts need the server started with UPSELL_SECRET_KEY (32 random bytes, made with `openssl rand -base64 32`), which seals their webhooks' signing secrets",
    );
  }
  return key;
}

/** A rule's definition as stored: validated again, with the metric's defaults. */
const definitionOf = (stored: DefinitionInput): Definition =>
  DefinitionSchema.parse(applyMetricDefaults(stored));

/**
 * Alert rules at work. Evaluation computes each rule's result (the rate under its definition,
 * saved target included, or a subscription dataset's MRR bridge), runs `evaluateAlertRule` and
 * records the firings, unique by key (so the same data never fires twice); the outbox worker
 * then POSTs each pending firing's body, signed, with its key as `Idempotency-Key`, retrying
 * with exponential backoff up to `maxAttempts`, and records every attempt. Pending firings are
 * found in the database, so a restart resumes them and never sends a delivered one again.
 *
 * @example
 * const alerts = createAlertService({ db, store, secretKey, allowPrivate: false, publicUrl: 'https://upsell.example.com' });
 * alerts.start({ intervalMs: 3_600_000 });
 */
export function createAlertService(options: AlertServiceOptions): AlertService {
  const { db, store } = options;
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? ALERT_DEFAULTS.maxAttempts;
  const maxFirings = options.maxFiringsPerRule ?? ALERT_DEFAULTS.maxFiringsPerRule;
  const retryBaseMs = options.retryBaseMs ?? ALERT_DEFAULTS.retryBaseMs;
  const timeoutMs = options.timeoutMs ?? ALERT_DEFAULTS.timeoutMs;
  const running = new Set<Promise<unknown>>();
  const evaluations = new Map<string, Promise<AlertFiringRow[]>>();
  const timers: NodeJS.Timeout[] = [];
  let delivering: Promise<number> | undefined;
  let deliverAgain = false;
  let closed = false;

  const track = <T>(promise: Promise<T>): Promise<T> => {
    running.add(promise);
    promise.then(
      () => running.delete(promise),
      () => running.delete(promise),
    );
    return promise;
  };

  const dashboardUrl = (dataset: DatasetSummary, definition: Definition) => {
    const params = new URLSearchParams({ metric: definition.metric, period: definition.period });
    if (definition.by.length > 0) params.set('by', definition.by.join(','));
    const base = typeof options.publicUrl === 'string' ? options.publicUrl : options.publicUrl();
    return `${base.replace(/\/+$/, '')}/datasets/${encodeURIComponent(dataset.name)}?${params}`;
  };

  const bodyOf = (
    type: 'alert.fired' | 'alert.test',
    rule: AlertRuleRow,
    dataset: DatasetSummary,
    firing: Omit<AlertFiring, 'ruleId' | 'condition' | 'period'> & {
      condition: string;
      period: string | null;
    },
  ) => {
    const definition = definitionOf(rule.definition);
    return JSON.stringify({
      type,
      id: firing.key,
      createdAt: now().toISOString(),
      rule: { id: rule.id, name: rule.name, condition: rule.condition, threshold: rule.threshold },
      dataset: { id: dataset.id, name: dataset.name, version: dataset.version },
      metric: definition.metric,
      definition,
      condition: firing.condition,
      period: firing.period,
      segment: firing.segment,
      message: firing.message,
      numbers: firing.numbers,
      dashboardUrl: dashboardUrl(dataset, definition),
    });
  };

  async function firingsOf(rule: AlertRuleRow, dataset: DatasetSummary): Promise<AlertFiring[]> {
    const definition = definitionOf(rule.definition);
    if (isRetentionCondition(rule.condition)) {
      const movements = await store.movements(dataset.id, definition);
      return evaluateAlertRule(rule, { movements });
    }
    const withTarget = await applySavedTarget(db, definition, options.targets);
    return evaluateAlertRule(rule, { result: await store.query(dataset.id, withTarget) });
  }

  async function evaluate(datasetId: string): Promise<AlertFiringRow[]> {
    const rules = await listAlertRules(db, { datasetId });
    if (rules.length === 0) return [];
    const dataset = await store.get(datasetId);
    if (dataset.accepted === 0 && dataset.source === undefined) return [];
    const created: AlertFiringRow[] = [];
    for (const rule of rules) {
      let firings: AlertFiring[];
      try {
        firings = await firingsOf(rule, dataset);
      } catch (error) {
        log(`alert rule ${rule.id} ("${rule.name}") could not be evaluated: ${(error as Error).message}`);
        continue;
      }
      if (firings.length > maxFirings) {
        log(
          `alert rule ${rule.id} ("${rule.name}") met its condition in ${firings.length} segments; only the first ${maxFirings} fire: segment it by fewer values`,
        );
      }
      for (const firing of firings.slice(0, maxFirings)) {
        const recorded = await recordAlertFiring(db, {
          ruleId: rule.id,
          key: firing.key,
          condition: firing.condition,
          period: firing.period,
          segment: firing.segment,
          message: firing.message,
          datasetVersion: dataset.version,
          body: bodyOf('alert.fired', rule, dataset, firing),
        });
        if (recorded.created) created.push(recorded.firing);
      }
    }
    if (created.length > 0) void kick();
    return created;
  }

  function evaluateDataset(datasetId: string): Promise<AlertFiringRow[]> {
    // One evaluation per dataset at a time: a second waits for the first, then runs on its own.
    const before = evaluations.get(datasetId) ?? Promise.resolve([]);
    const next = track(before.catch(() => []).then(() => evaluate(datasetId)));
    evaluations.set(datasetId, next);
    void next.finally(() => {
      if (evaluations.get(datasetId) === next) evaluations.delete(datasetId);
    });
    return next;
  }

  const retryAt = (attempt: number): Date | null =>
    attempt >= maxAttempts
      ? null
      : new Date(
          now().getTime() + Math.min(retryBaseMs * 2 ** (attempt - 1), ALERT_DEFAULTS.maxRetryDelayMs),
        );

  async function attempt(due: DueAlertFiring, retries: boolean): Promise<AlertDeliveryRow | undefined> {
    let secret: string;
    try {
      secret = openSecret(due.secret, requireKey(options.secretKey), SECRET_PURPOSE);
    } catch (error) {
      const message =
        error instanceof DatasetStoreError &&
        error.code === 'NOT_CONFIGURED' &&
        options.secretKey !== undefined
          ? "the rule's secret does not open with this server's UPSELL_SECRET_KEY (another key sealed it)"
          : (error as Error).message;
      await recordAlertAttempt(db, {
        firingId: due.id,
        attempt: due.attempt,
        delivered: false,
        httpStatus: null,
        error: message,
        durationMs: 0,
        retryAt: retries ? retryAt(due.attempt) : null,
      });
      return (await listAlertDeliveries(db, { firingId: due.id, limit: 1 }))[0];
    }
    const seconds = Math.floor(now().getTime() / 1000);
    const outcome = await postWebhook(due.url, due.body, {
      headers: {
        [SIGNATURE_HEADER]: signWebhook(due.body, secret, seconds),
        'Idempotency-Key': due.key,
        'Upsell-Attempt': String(due.attempt),
      },
      timeoutMs,
      allowPrivate: options.allowPrivate,
    });
    await recordAlertAttempt(db, {
      firingId: due.id,
      attempt: due.attempt,
      ...outcome,
      retryAt: outcome.delivered || !retries ? null : retryAt(due.attempt),
    });
    if (!outcome.delivered) log(`alert delivery ${due.key} attempt ${due.attempt} failed: ${outcome.error}`);
    return (await listAlertDeliveries(db, { firingId: due.id, limit: 1 }))[0];
  }

  async function deliverDueOnce(): Promise<number> {
    // A lease longer than any attempt: a firing claimed by a process that died is due again after it.
    const leaseMs = timeoutMs * 2 + 60_000;
    let attempted = 0;
    for (;;) {
      const batch = await claimDueAlertFirings(db, { now: now(), leaseMs, limit: 20 });
      if (batch.length === 0) return attempted;
      for (const due of batch) await attempt(due, true);
      attempted += batch.length;
      if (closed) return attempted;
    }
  }

  /** Runs the worker now, or once more after the run in progress. */
  function kick(): Promise<number> {
    if (delivering !== undefined) {
      deliverAgain = true;
      return delivering;
    }
    delivering = track(
      (async () => {
        let total = 0;
        do {
          deliverAgain = false;
          total += await deliverDueOnce();
        } while (deliverAgain && !closed);
        return total;
      })().finally(() => {
        delivering = undefined;
      }),
    );
    return delivering;
  }

  const background = (what: string, promise: Promise<unknown>) => {
    promise.catch((error: Error) => log(`alerts: ${what} failed: ${error.message}`));
  };

  return {
    allowPrivate: options.allowPrivate,
    async createRule(input) {
      const key = requireKey(options.secretKey);
      checkWebhookUrl(input.url, { allowPrivate: options.allowPrivate });
      if (isRetentionCondition(input.condition) && input.threshold === undefined) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          `a ${input.condition} rule needs a threshold, a fraction (0.9 is 90%)`,
          { field: 'threshold' },
        );
      }
      const dataset = await store.get(input.datasetId);
      const retention = isRetentionCondition(input.condition);
      if (retention && dataset.kind !== 'subscriptions') {
        throw new DatasetStoreError(
          'KIND_MISMATCH',
          `${input.condition} reads NRR and GRR, which only a subscription dataset has; "${dataset.name}" holds ${dataset.kind ?? 'nothing yet'}`,
        );
      }
      const subscriptionMetric = input.definition.metric === 'subscription-upsell-rate';
      if (!retention && dataset.kind !== null && subscriptionMetric !== (dataset.kind === 'subscriptions')) {
        throw new DatasetStoreError(
          'KIND_MISMATCH',
          `"${dataset.name}" holds ${dataset.kind}: its rate is ${dataset.kind === 'subscriptions' ? 'subscription-upsell-rate' : 'a purchase metric'}, not ${input.definition.metric}`,
        );
      }
      if (!retention && input.condition === 'below-benchmark' && input.definition.industry === undefined) {
        throw new UpsellError(
          'INVALID_ARGUMENT',
          'a below-benchmark rule needs a definition with an industry, whose benchmark it compares with',
          { field: 'definition.industry' },
        );
      }
      const secret = newSecret();
      const rule = await createAlertRule(db, {
        name: input.name,
        datasetId: dataset.id,
        definition: input.definition,
        condition: input.condition,
        threshold: retention ? (input.threshold ?? null) : null,
        url: input.url,
        secret: sealSecret(secret, key, SECRET_PURPOSE),
      });
      void evaluateDataset(dataset.id).catch((error: Error) =>
        log(`alerts: evaluating "${dataset.name}" failed: ${error.message}`),
      );
      return { rule, secret };
    },
    evaluateDataset,
    async evaluateAll() {
      let fired = 0;
      for (const datasetId of await datasetsWithAlertRules(db)) {
        try {
          fired += (await evaluateDataset(datasetId)).length;
        } catch (error) {
          log(`alerts: evaluating dataset ${datasetId} failed: ${(error as Error).message}`);
        }
      }
      return fired;
    },
    async sendTest(ruleId) {
      requireKey(options.secretKey);
      const { rule } = await findAlertRuleWithSecret(db, ruleId);
      const dataset = await store.get(rule.datasetId);
      const key = `${rule.id}:test:${randomUUID()}`;
      const { firing } = await recordAlertFiring(db, {
        ruleId: rule.id,
        key,
        condition: 'test',
        period: null,
        segment: {},
        message: `a test of alert rule "${rule.name}"`,
        datasetVersion: dataset.version,
        // Never due by itself: only this call sends it, once, so the worker cannot retry a test.
        nextAttemptAt: null,
        body: bodyOf('alert.test', rule, dataset, {
          key,
          condition: 'test',
          period: null,
          segment: {},
          message: `a test of alert rule "${rule.name}"`,
          numbers: {},
        }),
      });
      const [due] = await claimDueAlertFirings(db, {
        now: now(),
        leaseMs: timeoutMs * 2 + 60_000,
        limit: 1,
        firingId: firing.id,
      });
      if (due === undefined)
        throw new DatasetStoreError('CONFLICT', 'the test was claimed by another worker');
      const delivery = await track(attempt(due, false));
      const [settled] = await findAlertFirings(db, [firing.id]);
      return { firing: settled!, delivery: delivery! };
    },
    deliverDue: kick,
    datasetChanged(datasetId) {
      if (closed) return;
      background(`evaluating dataset ${datasetId}`, evaluateDataset(datasetId));
    },
    start({ intervalMs, pollMs }) {
      const poll = pollMs ?? Math.min(retryBaseMs, 5_000);
      background('resuming deliveries', kick());
      const pollTimer = setInterval(() => {
        if (!closed) background('delivering', kick());
      }, poll);
      pollTimer.unref();
      timers.push(pollTimer);
      if (intervalMs > 0) {
        const evaluateTimer = setInterval(() => {
          if (!closed) background('the scheduled evaluation', track(this.evaluateAll()));
        }, intervalMs);
        evaluateTimer.unref();
        timers.push(evaluateTimer);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async close() {
      closed = true;
      for (const timer of timers) clearInterval(timer);
      await this.idle();
    },
  };
}

/**
 * The store with its imports and appends followed by an evaluation of the dataset's alert rules
 * (in the background: the import's answer does not wait for it). A duplicate file changed
 * nothing, so it evaluates nothing.
 *
 * @example
 * const store = evaluateAlertsAfterImports(await createDatasetStore(...), alerts);
 */
export function evaluateAlertsAfterImports(store: DatasetStore, alerts: AlertService): DatasetStore {
  return {
    ...store,
    async importFile(request) {
      const outcome = await store.importFile(request);
      if (!outcome.duplicate) alerts.datasetChanged(outcome.dataset.id);
      return outcome;
    },
  };
}
