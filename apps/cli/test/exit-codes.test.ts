import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeTempDir, runUpsell } from './run-upsell.ts';

const WORKED = 'examples/worked-20-of-100.csv';
const BAD = 'examples/bad-rows.csv';

describe('exit code 0: the command ran and nothing failed', () => {
  it('is returned by rate on a clean file', () => {
    expect(runUpsell(['rate', WORKED]).status).toBe(0);
  });

  it('is returned when the rate meets the target exactly', () => {
    expect(runUpsell(['rate', WORKED, '--period', 'all', '--target', '20']).status).toBe(0);
  });

  it.each([
    [['--help']],
    [['report', '--help']],
    [['rate', '--help']],
    [['customers', '--help']],
    [['validate', '--help']],
    [['sample', '--help']],
    [['datasets', '--help']],
    [['datasets', 'import', '--help']],
  ])('is returned by %j, which prints the usage', (args) => {
    const { status, stdout } = runUpsell(args);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: upsell/);
  });

  it('is returned by --version, which prints the version of the package', () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const { status, stdout } = runUpsell(['--version']);
    expect(status).toBe(0);
    expect(stdout.trim()).toBe(version);
  });
});

describe('exit code 1: the result is below --target', () => {
  it('is returned when 20 of 100 customers fall short of a 50% target', () => {
    const { status, stdout } = runUpsell(['rate', WORKED, '--period', 'all', '--target', '50']);
    expect(status).toBe(1);
    expect(stdout).toContain('-30.0 pts below');
  });

  it('is returned by report as well', () => {
    expect(runUpsell(['report', WORKED, '--period', 'all', '--target', '50']).status).toBe(1);
  });
});

describe('exit code 2: bad usage or bad input', () => {
  it('is returned for an unknown option, named on stderr', () => {
    const { status, stderr } = runUpsell(['rate', WORKED, '--no-such-option']);
    expect(status).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-option'");
  });

  it('is returned for a purchase file that does not exist', () => {
    const { status, stderr } = runUpsell(['rate', 'examples/no-such-file.csv']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: examples/no-such-file.csv: no such file\n');
  });

  it('is returned for a --by column the file does not have', () => {
    const { status, stderr } = runUpsell(['rate', WORKED, '--by', 'region']);
    expect(status).toBe(2);
    expect(stderr).toContain('cannot segment by "region"');
  });

  it('names the --map that fixes a rule without its column (the core names only the column)', () => {
    const { status, stderr } = runUpsell(['rate', 'examples/no-tiers.csv', '--rule', 'tier']);
    expect([status, stderr]).toEqual([
      2,
      'upsell: rule tier needs a tier column; map one with --map tier=<column>\n',
    ]);
  });

  it('names --from and --to when the first period reported is after the last', () => {
    const { status, stderr } = runUpsell([
      'rate',
      WORKED,
      '--period',
      'month',
      '--from',
      '2024-03',
      '--to',
      '2024-01',
    ]);
    expect([status, stderr]).toEqual([2, 'upsell: --from 2024-03 is after --to 2024-01\n']);
  });

  it('is returned for a --tz that is not an IANA time zone', () => {
    const { status, stderr } = runUpsell(['rate', WORKED, '--tz', 'Mars/Olympus_Mons']);
    expect(status).toBe(2);
    expect(stderr).toContain('Unknown time zone "Mars/Olympus_Mons"');
  });

  it('is returned for a --target outside 0 to 100', () => {
    expect(runUpsell(['rate', WORKED, '--target', '150']).status).toBe(2);
  });

  it('names a --customers file that does not exist as plainly as a missing purchase file', () => {
    const { status, stderr } = runUpsell(['rate', 'examples/shop.csv', '--customers', 'examples/nope.csv']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: examples/nope.csv: no such file\n');
  });
});

describe('the bad-row policy', () => {
  it('stops with exit code 2 when any row is bad and there is no --skip-bad-rows', () => {
    const { status, stdout, stderr } = runUpsell(['rate', BAD, '--period', 'all']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--skip-bad-rows');
  });

  it('names each bad row on stderr as file:line:column and the reason', () => {
    const { stderr } = runUpsell(['rate', BAD, '--period', 'all']);
    expect(stderr).toContain(`${BAD}:4:2 (customer_id): customer_id is empty`);
    expect(stderr).toContain(
      `${BAD}:5:3 (purchased_at): purchased_at "2024-02-30T12:00:00Z" is not an ISO 8601`,
    );
    expect(stderr).toContain(`${BAD}:6:7 (quantity): quantity "-1" is negative`);
  });

  it('goes on with exit code 0 under --skip-bad-rows and prints the accounting', () => {
    const { status, stderr } = runUpsell(['rate', BAD, '--period', 'all', '--skip-bad-rows']);
    expect(status).toBe(0);
    expect(stderr).toContain('rows read 12 = accepted 5 + rejected 7\n');
  });

  it('computes the rate from the accepted rows only under --skip-bad-rows', () => {
    const { stdout } = runUpsell(['rate', BAD, '--period', 'all', '--skip-bad-rows', '--format', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({
      rows: [{ numerator: 2, denominator: 3 }],
      input: { rows: 12, accepted: 5, rejected: 7 },
    });
  });

  it.each([['rate'], ['report'], ['customers']])(
    'stops %s with exit code 2 under --skip-bad-rows when every row is bad',
    (command) => {
      const temp = makeTempDir();
      const file = temp.path('all-bad.csv');
      const lines = ['customer_id,purchased_at,product_id,tier', 'c1,not a date,P1,1', 'c2,2024-01-02,P1,-1'];
      writeFileSync(file, `${lines.join('\n')}\n`);
      const args = command === 'customers' ? ['--period', 'all'] : [];
      const { status, stdout, stderr } = runUpsell([command, file, ...args, '--skip-bad-rows']);
      temp.remove();
      expect([status, stdout]).toEqual([2, '']);
      expect(stderr).toContain('rows read 2 = accepted 0 + rejected 2\n');
      expect(stderr).toMatch(
        /upsell: every one of the 2 purchase rows was rejected: nothing to compute from/,
      );
    },
  );

  it('prints no accounting line for a clean file', () => {
    const { stderr } = runUpsell(['rate', WORKED, '--skip-bad-rows']);
    expect(stderr).toBe('');
  });
});

describe('file errors', () => {
  it('names a directory given as a purchase file and exits 2', () => {
    const { status, stderr } = runUpsell(['rate', 'examples']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: examples: is a directory, not a file\n');
  });

  it('names an output folder that does not exist and exits 2', () => {
    const { status, stderr } = runUpsell(['sample', '--rows', '5', '--out', '/nonexistent-upsell/x.csv']);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: /nonexistent-upsell: no such folder\n');
  });
});

describe('sample outputs', () => {
  it('writes nothing when the second output folder does not exist', () => {
    const temp = makeTempDir();
    const first = temp.path('purchases.csv');
    const { status, stderr } = runUpsell([
      'sample',
      '--rows',
      '5',
      '--out',
      first,
      '--customers-out',
      '/nonexistent-upsell/c.csv',
    ]);
    expect(status).toBe(2);
    expect(stderr).toBe('upsell: /nonexistent-upsell: no such folder\n');
    expect(existsSync(first)).toBe(false);
    temp.remove();
  });
});
