import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runUpsell, UPSELL_BIN } from './run-upsell.ts';

const ESCAPE = '\u001b[';
const WORKED = 'examples/worked-20-of-100.csv';

// util-linux `script` runs a command on a pseudo-terminal, the only way to see what a user's
// terminal gets; stderr goes to /dev/null so that only stdout is looked at.
const hasScript = spawnSync('script', ['--version']).status === 0;

function runOnTerminal(args: string[], env: Record<string, string | undefined>): string {
  const command = [process.execPath, UPSELL_BIN, ...args].map((word) => `'${word}'`).join(' ');
  const result = spawnSync('script', ['-qec', `${command} 2>/dev/null`, '/dev/null'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  expect(result.status).toBe(0);
  return result.stdout;
}

describe('terminal output', () => {
  it.each([
    [['report', WORKED]],
    [['rate', WORKED, '--target', '50']],
    [['validate', 'examples/bad-rows.csv']],
    [['customers', WORKED, '--period', 'all']],
  ])('has no escape codes on stdout or stderr when not on a terminal: %j', (args) => {
    const { stdout, stderr } = runUpsell(args, { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } });
    expect(stdout.length).toBeGreaterThan(0);
    expect(stdout).not.toContain(ESCAPE);
    expect(stderr).not.toContain(ESCAPE);
  });

  it.skipIf(!hasScript)('colours the output on a terminal', () => {
    expect(runOnTerminal(['rate', WORKED], { NO_COLOR: undefined })).toContain(
      `${ESCAPE}1mCustomer upsell rate`,
    );
  });

  it.skipIf(!hasScript)('has no escape codes on a terminal when NO_COLOR is set', () => {
    const stdout = runOnTerminal(['report', WORKED], { NO_COLOR: '1' });
    expect(stdout).toContain('Customer upsell rate');
    expect(stdout).not.toContain(ESCAPE);
  });
});
