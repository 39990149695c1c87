const VM_RSS = /^VmRSS:\s+(\d+)\s+kB$/m;

/**
 * Reads the current resident set size (`VmRSS`, in KiB) from the text of a Linux `/proc/<pid>/status`.
 *
 * @example
 * parseVmRssKiB('Name:\tnode\nVmHWM:\t  812345 kB\nVmRSS:\t  700000 kB\n');
 * // 700000
 */
export function parseVmRssKiB(status: string): number {
  const match = VM_RSS.exec(status);
  if (match === null) throw new Error(`parseVmRssKiB: no VmRSS line in:\n${status.slice(0, 2000)}`);
  return Number(match[1]);
}
