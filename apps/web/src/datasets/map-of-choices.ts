import { normaliseColumnName } from '@upsell/core';

/** The import's `map` of the fields chosen for a header's columns, and why a choice cannot stand. */
export interface ChoicesMap<F extends string> {
  /** Field -> column name, for every choice that stands. */
  map: Partial<Record<F, string>>;
  /** Per column: why its choice cannot stand, or undefined. */
  columnErrors: (string | undefined)[];
  /** The first column chosen for each field (standing or not). */
  firstColumnOf: Map<F, number>;
}

/**
 * The map of the fields chosen for a header's columns (purchase or subscription fields), with
 * what the server could not take: a field from two columns, a column without a name, or a name
 * two columns share (the server finds columns by name).
 *
 * @example
 * mapOfChoices(['Client', 'Date'], ['customer_id', 'purchased_at']).map // { customer_id: 'Client', purchased_at: 'Date' }
 */
export function mapOfChoices<F extends string>(
  header: readonly string[],
  choices: readonly (F | '')[],
): ChoicesMap<F> {
  const columnErrors: (string | undefined)[] = header.map(() => undefined);
  const map: Partial<Record<F, string>> = {};
  const firstColumnOf = new Map<F, number>();
  choices.forEach((field, index) => {
    if (field === '') return;
    const name = header[index] ?? '';
    const earlier = firstColumnOf.get(field);
    if (earlier !== undefined) {
      columnErrors[index] =
        `${field} is already read from “${header[earlier]}”: a field comes from one column only.`;
      return;
    }
    firstColumnOf.set(field, index);
    if (name === '') {
      columnErrors[index] =
        'This column has no name in the header, so it cannot be mapped: name it in the file.';
      return;
    }
    const twin = header.findIndex(
      (other, at) => at !== index && normaliseColumnName(other) === normaliseColumnName(name),
    );
    if (twin !== -1) {
      columnErrors[index] =
        `Two columns are called “${name}”: the server finds columns by name, so rename one in the file.`;
      return;
    }
    map[field] = name;
  });
  return { map, columnErrors, firstColumnOf };
}
