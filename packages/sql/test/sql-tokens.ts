/**
 * The tokens of a SQL text: words (upper-cased unless quoted), quoted identifiers and string
 * literals kept as written, parameters, numbers and single punctuation characters; comments
 * and white space dropped. Enough to read a statement's structure without running it.
 *
 * @example
 * sqlTokens(`SELECT "a""b", 'x' FROM t -- c`) // ['SELECT', '"a""b"', ',', "'x'", 'FROM', 'T']
 */
export function sqlTokens(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === ch) {
          if (text[j + 1] === ch) j++;
          else break;
        }
      }
      if (j >= text.length) throw new Error(`unterminated ${ch === '"' ? 'identifier' : 'string'} at ${i}`);
      tokens.push(text.slice(i, j + 1));
      i = j + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
      tokens.push(text.slice(i, j).toUpperCase());
      i = j;
    } else if (/[0-9$]/.test(ch)) {
      let j = i + 1;
      while (j < text.length && /[0-9.]/.test(text[j]!)) j++;
      tokens.push(text.slice(i, j));
      i = j;
    } else {
      tokens.push(ch);
      i++;
    }
  }
  return tokens;
}

const FRAME_OR_ORDER = new Set(['ORDER', 'ROWS', 'RANGE', 'GROUPS']);

/**
 * The window specifications of a statement, `OVER (...)` and `WINDOW name AS (...)`: for each,
 * its PARTITION BY expressions as token lists (empty when it has none). A window referred to
 * by name (`OVER w`) is checked where it is defined.
 *
 * @example
 * windowPartitions(sqlTokens('SELECT row_number() OVER (PARTITION BY c, d ORDER BY t) FROM x')) // [[['C'], ['D']]]
 */
export function windowPartitions(tokens: readonly string[]): string[][][] {
  const windows: string[][][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const opensSpec =
      (tokens[i] === 'OVER' && tokens[i + 1] === '(') ||
      (tokens[i] === 'AS' && tokens[i + 1] === '(' && tokens[i - 2] === 'WINDOW');
    if (!opensSpec) continue;
    let j = i + 2;
    const partition: string[][] = [];
    if (tokens[j] === 'PARTITION' && tokens[j + 1] === 'BY') {
      j += 2;
      let expression: string[] = [];
      let depth = 0;
      for (; j < tokens.length; j++) {
        const t = tokens[j]!;
        if (depth === 0 && (t === ')' || (t === ',' && expression.length > 0) || FRAME_OR_ORDER.has(t))) {
          partition.push(expression);
          expression = [];
          if (t !== ',') break;
          continue;
        }
        if (t === '(') depth++;
        if (t === ')') depth--;
        expression.push(t);
      }
    }
    windows.push(partition);
  }
  return windows;
}

/**
 * The expression a select list names `alias` (`<expression> AS alias`), as tokens, for each
 * place it is defined.
 *
 * @example
 * aliasDefinitions(sqlTokens('SELECT trim(p."c") AS k FROM p'), 'K') // [['TRIM', '(', 'P', '.', '"c"', ')']]
 */
export function aliasDefinitions(tokens: readonly string[], alias: string): string[][] {
  const found: string[][] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    if (tokens[i] !== 'AS' || tokens[i + 1] !== alias) continue;
    const expression: string[] = [];
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = tokens[j]!;
      if (t === ')') depth++;
      if (t === '(') {
        if (depth === 0) break;
        depth--;
      }
      if (depth === 0 && (t === ',' || t === 'SELECT')) break;
      expression.unshift(t);
    }
    found.push(expression);
  }
  return found;
}
