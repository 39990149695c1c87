import {
  applyMetricDefaults,
  checkRuleFitsMetric,
  type Definition,
  type DefinitionInput,
  DefinitionSchema,
  isSubscriptionMetric,
  type Metric,
} from './definition.ts';
import { UpsellError } from './errors.ts';

const parsed = (input: DefinitionInput): Definition => {
  const result = DefinitionSchema.safeParse(input);
  if (!result.success) {
    const first = result.error.issues[0]!;
    throw new UpsellError('INVALID_DEFINITION', `definition.${first.path.join('.')}: ${first.message}`);
  }
  checkRuleFitsMetric(result.data.metric, result.data.rule);
  return result.data;
};

/**
 * The definition of a run over purchase lines, checked: parsed, a purchase metric, a rule that
 * fits it. One reading for the file runs and the SQL compiler, so both refuse alike.
 *
 * @example
 * purchaseRunDefinition({ period: 'month' }).rule // 'auto'
 */
export function purchaseRunDefinition(input: DefinitionInput): Definition {
  const definition = parsed(input);
  if (isSubscriptionMetric(definition.metric)) {
    throw new UpsellError(
      'INVALID_DEFINITION',
      `${definition.metric} is computed from subscription history, not purchase lines`,
      { field: 'metric', metric: definition.metric },
    );
  }
  return definition;
}

/**
 * The definition of a run over subscription history: the subscription metric by default, its
 * defaults (`existing`, `expansion`), checked. One reading for the file runs and the SQL compiler.
 *
 * @example
 * subscriptionRunDefinition({}).eligible // 'existing'
 */
export function subscriptionRunDefinition(input: DefinitionInput): Definition {
  const metric: Metric = input.metric ?? 'subscription-upsell-rate';
  if (!isSubscriptionMetric(metric)) {
    throw new UpsellError(
      'INVALID_DEFINITION',
      `${metric} is computed from purchase lines, not subscription history: use subscription-upsell-rate`,
      { field: 'metric', metric },
    );
  }
  return parsed(applyMetricDefaults({ ...input, metric }));
}

/**
 * The values of a drill-down's segment in `by` order, checked against the definition: every
 * name given must be one it segments by (`INVALID_ARGUMENT`, details `column`), and every `by`
 * name needs a value (details `missing`).
 *
 * @example
 * targetSegmentValues(definition, { channel: 'online' }) // ['online']
 */
export function targetSegmentValues(
  definition: Definition,
  wanted: Readonly<Record<string, string>>,
): string[] {
  for (const name of Object.keys(wanted)) {
    if (!definition.by.includes(name)) {
      throw new UpsellError(
        'INVALID_ARGUMENT',
        `segment ${name}: the definition is not segmented by ${name}`,
        {
          field: 'segment',
          column: name,
          by: definition.by,
        },
      );
    }
  }
  const missing = definition.by.filter((name) => wanted[name] === undefined);
  if (missing.length > 0) {
    throw new UpsellError('INVALID_ARGUMENT', `segment: no value given for ${missing.join(', ')}`, {
      field: 'segment',
      missing,
      by: definition.by,
    });
  }
  return definition.by.map((name) => wanted[name]!);
}
