import { readFile } from 'node:fs/promises';
import { parseVmHwmKiB } from './parse-vm-hwm.ts';

/**
 * The peak resident set size so far of a running process, in MiB, from `VmHWM` in
 * `/proc/<pid>/status` (Linux only). It has to be read before the process exits.
 *
 * @example
 * const peakMiB = await readPeakRssMiB(server.pid);
 */
export async function readPeakRssMiB(pid: number): Promise<number> {
  return parseVmHwmKiB(await readFile(`/proc/${pid}/status`, 'utf8')) / 1024;
}
