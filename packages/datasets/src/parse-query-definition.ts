import {
  applyMetricDefaults,
  type Definition,
  type DefinitionInput,
  DefinitionSchema,
  UpsellError,
} from '@upsell/core';

/**
 * The definition a query or a drill-down asked for, checked and with its defaults (the metric's
 * own first: `applyMetricDefaults`); the first problem is an INVALID_DEFINITION naming its field.
 *
 * @example
 * parseQueryDefinition({ period: 'month' }).period // 'month'
 */
export function parseQueryDefinition(input: DefinitionInput): Definition {
  const parsed = DefinitionSchema.safeParse(applyMetricDefaults(input));
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new UpsellError('INVALID_DEFINITION', `definition.${first.path.join('.')}: ${first.message}`);
  }
  return parsed.data;
}
