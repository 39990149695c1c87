const VM_HWM = /^VmHWM:\s+(\d+)\s+kB$/m;

/**
 * Reads the peak resident set size (`VmHWM`, in KiB) from the text of a Linux `/proc/<pid>/status`.
 *
 * @example
 * parseVmHwmKiB('Name:\tnode\nVmHWM:\t  812345 kB\nVmRSS:\t  700000 kB\n');
 * // 812345
 */
export function parseVmHwmKiB(status: string): number {
  const match = VM_HWM.exec(status);
  if (match === null) throw new Error(`parseVmHwmKiB: no VmHWM line in:\n${status.slice(0, 2000)}`);
  return Number(match[1]);
}
