import type { Terminal } from './terminal.ts';

const MIB = 1024 * 1024;

/**
 * A progress bar on stderr for long reads: drawn at most 10 times a second, only on a terminal,
 * and only once the input is large enough to be worth one.
 */
export function createProgressBar(terminal: Terminal, label: string, started = performance.now()) {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(done: number, total: number) {
      if (!terminal.progress || total < 32 * MIB) return;
      const now = performance.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      drawn = true;
      const share = Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(share * width);
      const seconds = (now - started) / 1000;
      const speed = seconds > 0 ? done / MIB / seconds : 0;
      terminal.err(
        `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${speed.toFixed(0)} MiB/s `,
      );
    },
    done() {
      if (drawn) terminal.err('\r\u001b[2K');
    },
  };
}
