import { listNames, type UpsellError } from '@upsell/core';

const fileOf = (details: Record<string, unknown>) =>
  typeof details.file === 'string' ? `${details.file}: ` : '';

/**
 * What a core error means on the command line, in one line for stderr: the core says what is
 * wrong with the data or the definition (and carries the parts in `details`); this adds the
 * flags that fix it (`--map`, `--rule`, `--by`, `--segment`, `--from`/`--to`). Errors the CLI
 * raised itself, and core errors without a remedy here, keep their message.
 *
 * @example
 * describeUpsellError(new UpsellError('RULE_NEEDS_COLUMN', 'rule tier needs a tier column', { rule: 'tier', field: 'tier' }))
 * // 'rule tier needs a tier column; map one with --map tier=<column>'
 */
export function describeUpsellError(error: UpsellError): string {
  const details = error.details ?? {};
  const { field, entry } = details;
  switch (error.code) {
    case 'MISSING_COLUMN':
      return typeof field === 'string'
        ? `${error.message}; map one with --map ${field}=<column>`
        : error.message;
    case 'AMBIGUOUS_COLUMN':
      return typeof field === 'string'
        ? `${error.message}: choose one with --map ${field}=<column>`
        : error.message;
    case 'UNKNOWN_COLUMN':
      // A column given with --map that the header lacks: the flag as typed comes first.
      if (typeof field === 'string' && typeof details.column === 'string' && Array.isArray(details.columns)) {
        const { column } = details;
        return `${fileOf(details)}--map ${field}=${column}: no column "${column}" in the header (${listNames(details.columns as string[])})`;
      }
      return error.message;
    case 'RULE_NEEDS_COLUMN':
      if (details.rule === 'auto') {
        return `${error.message}; map one with --map, or use --rule additional (any purchase after the initial order)`;
      }
      return typeof field === 'string'
        ? `${error.message}; map one with --map ${field}=<column>`
        : error.message;
    case 'AMBIGUOUS_FORMAT': {
      // A column that reads two ways: the flag that says which, for each reading.
      const flag = field === 'purchased_at' ? '--date-format' : '--number-format';
      const choices = Array.isArray(details.choices) ? (details.choices as string[]) : [];
      if (choices.length === 0) return error.message;
      const options = choices.map((choice) => `${flag} ${choice}`);
      return `${error.message}: add ${options.slice(0, -1).join(', ')}${options.length > 1 ? ' or ' : ''}${options.at(-1)}`;
    }
    case 'UNKNOWN_SHEET':
      return `${error.message}; choose one with --sheet <name|number>`;
    case 'INVALID_DEFINITION':
      if (field === 'from' && 'to' in details) return `--from ${details.from} is after --to ${details.to}`;
      return error.message;
    case 'INVALID_ARGUMENT':
      if (typeof entry === 'string') {
        const candidates = Array.isArray(details.candidates) ? (details.candidates as string[]) : [];
        // Subscription history has fields of its own (parseSubscriptionColumnMap's candidates).
        const kind = candidates.includes('subscription_id') ? 'subscription' : 'purchase';
        return typeof field === 'string'
          ? `--map "${entry}": "${field}" is not a ${kind} field; fields are ${candidates.join(', ')}`
          : `--map "${entry}": write it as field=Column, e.g. customer_id=Client`;
      }
      if (field === 'segment' && typeof details.column === 'string') {
        const { column } = details;
        return `--segment ${column}: the definition is not segmented by ${column} (add --by ${column})`;
      }
      if (field === 'segment' && Array.isArray(details.missing)) {
        return `--segment: give a value for ${(details.missing as string[]).map((n) => `${n}=<value>`).join(', ')}`;
      }
      return error.message;
    default:
      return error.message;
  }
}
