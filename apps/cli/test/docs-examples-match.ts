/**
 * Reading the `$ upsell ...` examples of a Markdown page and checking a real run against them,
 * so that the docs' claim "all output shown here is real output of the built CLI" is tested.
 */

/** One `$ upsell ...` line of a fenced block and what the page shows it printing. */
export interface ShownCommand {
  /** 1-based line of the command in the page. */
  line: number;
  /** The command without `$ upsell ` and without a trailing `# comment`. */
  command: string;
  /** The output lines shown, annotations such as `(exit 2)` and `(stderr)` removed. */
  output: string[];
  /** The exit code the page shows: an `(exit n)` annotation or a following `$ echo $?`. */
  exitCode?: number;
  /** When the command ends its block with no output, the text of a ```json block right after it. */
  json?: string;
}

const FENCE = /^```/;
// A column-aligned annotation at a line's end, added for the reader: `...   (exit 2)`, `...   (stderr)`.
const ANNOTATION = /\s{2,}\((exit (\d+)|stderr)\)$/;

/**
 * The `$ upsell ...` commands of a page's fenced blocks with their shown output: the lines up to
 * the next `$ ` line or the block's end, blank lines at its end left out. `$ echo $?` gives the previous command's exit code.
 *
 * @example
 * shownCommands('```\n$ upsell rate x.csv\nupsell: x.csv: no such file   (exit 2)\n```\n');
 * // [{ line: 2, command: 'rate x.csv', output: ['upsell: x.csv: no such file'], exitCode: 2 }]
 */
export function shownCommands(markdown: string): ShownCommand[] {
  const lines = markdown.split('\n');
  const commands: ShownCommand[] = [];
  let inBlock = false;
  let current: ShownCommand | undefined;
  let awaitingExitCode = false;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (FENCE.test(text)) {
      if (inBlock && current && current.output.length === 0 && current.exitCode === undefined) {
        const json = jsonBlockAfter(lines, i + 1);
        if (json !== undefined) current.json = json;
      }
      inBlock = !inBlock;
      current = undefined;
      awaitingExitCode = false;
      continue;
    }
    if (!inBlock) continue;
    if (text.startsWith('$ ')) {
      awaitingExitCode = text === '$ echo $?';
      if (!awaitingExitCode) current = undefined;
      if (text.startsWith('$ upsell ')) {
        current = { line: i + 1, command: text.slice('$ upsell '.length).replace(/\s+#.*$/, ''), output: [] };
        commands.push(current);
      }
      continue;
    }
    if (awaitingExitCode) {
      if (current) current.exitCode = Number(text.trim());
      awaitingExitCode = false;
      current = undefined;
      continue;
    }
    if (!current) continue;
    const annotation = ANNOTATION.exec(text);
    if (annotation?.[2] !== undefined) current.exitCode = Number(annotation[2]);
    current.output.push(annotation ? text.slice(0, annotation.index) : text);
  }
  // A blank line before the next `$ ` line separates examples; it is not output.
  for (const command of commands) while (command.output.at(-1) === '') command.output.pop();
  return commands;
}

/** The body of a ```json block that starts at `from`, after blank lines only. */
function jsonBlockAfter(lines: readonly string[], from: number): string | undefined {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (lines[i] !== '```json') return undefined;
  const end = lines.indexOf('```', i + 1);
  return end === -1 ? undefined : lines.slice(i + 1, end).join('\n');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One shown line against one real line: equal, or equal with each `...` in it standing for any text. */
function lineMatches(shown: string, actual: string): boolean {
  if (shown === actual) return true;
  if (!shown.includes('...')) return false;
  return new RegExp(`^${shown.split('...').map(escapeRegExp).join('.*')}$`).test(actual);
}

/**
 * Whether real output lines are what the page shows: line by line, where a shown line `...`
 * stands for any number of lines (none included) and a `...` inside a line for any text.
 *
 * @example
 * matchesShownLines(['a', '...', 'd'], ['a', 'b', 'c', 'd']); // true
 * matchesShownLines(['a', '...', 'd'], ['a', 'b', 'c', 'e']); // false
 */
export function matchesShownLines(shown: readonly string[], actual: readonly string[]): boolean {
  // memo[s][a]: whether shown[s..] matches actual[a..]; (s + 1) * (a + 1) states at most.
  const memo = new Map<number, boolean>();
  const from = (s: number, a: number): boolean => {
    if (s === shown.length) return a === actual.length;
    const key = s * (actual.length + 1) + a;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const result =
      shown[s] === '...'
        ? from(s + 1, a) || (a < actual.length && from(s, a + 1))
        : a < actual.length && lineMatches(shown[s]!, actual[a]!) && from(s + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return from(0, 0);
}

/**
 * Whether a real JSON value is what the page shows, key order aside: an object with the key
 * `"..."` may have more keys than shown, and an array whose last element is `"..."` more
 * elements than shown before it.
 *
 * @example
 * matchesShownJson({ a: 1, '...': '...' }, { a: 1, b: 2 }); // true
 * matchesShownJson([1, '...'], [2, 3]); // false
 */
export function matchesShownJson(shown: unknown, actual: unknown): boolean {
  if (Array.isArray(shown)) {
    if (!Array.isArray(actual)) return false;
    const open = shown.at(-1) === '...';
    const fixed = open ? shown.slice(0, -1) : shown;
    if (open ? actual.length < fixed.length : actual.length !== fixed.length) return false;
    return fixed.every((item, i) => matchesShownJson(item, actual[i]));
  }
  if (shown !== null && typeof shown === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const shownEntries = Object.entries(shown).filter(([key]) => key !== '...');
    const open = '...' in shown;
    if (!open && Object.keys(actual).length !== shownEntries.length) return false;
    return shownEntries.every(
      ([key, value]) =>
        Object.hasOwn(actual, key) && matchesShownJson(value, (actual as Record<string, unknown>)[key]),
    );
  }
  return Object.is(shown, actual);
}
