import { shortenText } from '@upsell/core';

/**
 * The parts of a core error that a client may word its own remedy from (the CLI adds
 * `--map tier=<column>`, a UI its own controls): the field, the columns of the header, the
 * candidates. Never the file: on the server that is where the file is kept.
 */
export interface PublicErrorDetails {
  field?: string;
  column?: string;
  entry?: string;
  rule?: string;
  from?: string;
  to?: string;
  columns?: string[];
  candidates?: string[];
  lookedFor?: string[];
  missing?: string[];
  /** An ambiguous column's formats (`dmy`, `mdy`) and values they read differently. */
  choices?: string[];
  examples?: string[];
  /** A workbook's sheet asked for and its sheets (`UNKNOWN_SHEET`). */
  sheet?: string;
  sheets?: string[];
  /** What a file was read as (`csv`) and what its bytes are (`xlsx`, `zip`, `xls`): `UNREADABLE_FILE`. */
  format?: string;
  found?: string;
}

const TEXT_KEYS = ['field', 'column', 'entry', 'rule', 'from', 'to', 'sheet', 'format', 'found'] as const;
const LIST_KEYS = ['columns', 'candidates', 'lookedFor', 'missing', 'choices', 'examples', 'sheets'] as const;
/** Bounds that keep an error small whatever the header held (a file may have thousands of columns). */
export const DETAIL_LIMITS = { items: 50, chars: 100 } as const;

/**
 * The public part of a core error's details: the known keys only, texts and lists of texts only,
 * each text shortened and each list cut to its first items; undefined when nothing is left.
 *
 * @example
 * publicErrorDetails({ field: 'tier', columns: ['Client', 'Date'], file: '/srv/data/files/ab12' })
 * // { field: 'tier', columns: ['Client', 'Date'] }
 */
export function publicErrorDetails(
  details: Record<string, unknown> | undefined,
): PublicErrorDetails | undefined {
  if (details === undefined) return undefined;
  const shown: PublicErrorDetails = {};
  for (const key of TEXT_KEYS) {
    const value = details[key];
    if (typeof value === 'string') shown[key] = shortenText(value, DETAIL_LIMITS.chars);
  }
  for (const key of LIST_KEYS) {
    const value = details[key];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      shown[key] = value.slice(0, DETAIL_LIMITS.items).map((item) => shortenText(item, DETAIL_LIMITS.chars));
    }
  }
  return Object.keys(shown).length === 0 ? undefined : shown;
}
