/** The longest text an error message quotes whole (a cell, a column name). */
export const QUOTED_TEXT_MAX = 100;

/** How many names a message lists before it says how many more there are. */
export const LISTED_NAMES_MAX = 30;

/**
 * A text as a message quotes it: whole up to `max` characters, else its start, an ellipsis and
 * its length, so that a 10 MB cell or header never travels whole in an error or a stored reason.
 *
 * @example
 * shortenText('2024-13-01'); // '2024-13-01'
 * shortenText('x'.repeat(500), 10); // 'xxxxxxxxx… (500 characters)'
 */
export function shortenText(text: string, max: number = QUOTED_TEXT_MAX): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * Names (a header's columns, a file's dimensions) as a message lists them: each shortened, the
 * first `max` of them, and how many more.
 *
 * @example
 * listNames(['a', 'b', 'c'], 2); // 'a, b and 1 more'
 */
export function listNames(names: readonly string[], max: number = LISTED_NAMES_MAX): string {
  const listed = names.slice(0, max).map((name) => shortenText(name, 60));
  const more = names.length - listed.length;
  return more > 0 ? `${listed.join(', ')} and ${more.toLocaleString('en-US')} more` : listed.join(', ');
}
