/** Where a command writes: data to `out`, progress and diagnostics to `err`. Injected so tests can capture them. */
export interface Terminal {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Colours on stdout, off for pipes and when NO_COLOR is set. */
  color: boolean;
  /** Progress bars on stderr, only when it is a terminal. */
  progress: boolean;
}

/** The process's own terminal. */
export function processTerminal(): Terminal {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    color: !noColor && process.stdout.isTTY === true,
    progress: process.stderr.isTTY === true,
  };
}

const CODES = { red: [31, 39], green: [32, 39], yellow: [33, 39], bold: [1, 22], dim: [2, 22] } as const;

/** Wraps text in an ANSI colour when the terminal has colour. */
export function paint(terminal: Terminal, style: keyof typeof CODES, text: string): string {
  if (!terminal.color) return text;
  const [on, off] = CODES[style];
  return `\u001b[${on}m${text}\u001b[${off}m`;
}
