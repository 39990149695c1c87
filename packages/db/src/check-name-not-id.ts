import { UpsellError } from '@upsell/core';
import { isUuid } from './is-uuid.ts';

/**
 * Refuses a name spelled like an id. Things found "by id or by name" would otherwise be
 * ambiguous: a dataset named after another dataset's id could stand in for it wherever a lookup
 * or a cache took the name first.
 *
 * @example
 * checkNameNotId('dataset', 'shop-2024'); // passes
 * checkNameNotId('dataset', '0b6f5c2e-8d1a-4c3b-9f7e-2a4d6c8e0f13'); // throws INVALID_ARGUMENT
 */
export function checkNameNotId(kind: string, name: string): void {
  if (isUuid(name)) {
    throw new UpsellError(
      'INVALID_ARGUMENT',
      `${kind} name "${name}" is spelled like an id, which would make it ambiguous: choose another name`,
    );
  }
}
