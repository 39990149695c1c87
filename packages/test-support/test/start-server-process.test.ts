import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporaryDirectory, type TemporaryDirectory } from '../src/create-temporary-directory.ts';
import { startServerProcess } from '../src/start-server-process.ts';

// A stand-in for the built server: prints what apps/server's main prints once it listens (or
// fails as its environment asks), and ends on SIGTERM.
const FAKE_SERVER = `
if (process.env.FAKE === 'fail') {
  console.error('bad environment: PORT');
  process.exit(1);
}
if (process.env.FAKE !== 'silent') {
  process.stdout.write('Upsell is serving on http://127.0.0.1:4321\\n');
  setTimeout(() => process.stdout.write('Admin token: ' + (process.env.UPSELL_ADMIN_TOKEN ?? 'none') + ' ' + process.env.UPSELL_DATA_DIR + '\\n'), 50);
}
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;

let dir: TemporaryDirectory;
let serverMain: string;

beforeAll(async () => {
  dir = await createTemporaryDirectory('upsell-test-support-');
  serverMain = `${dir.path}/fake-server.mjs`;
  await writeFile(serverMain, FAKE_SERVER);
});
afterAll(() => dir.remove());

describe('startServerProcess', () => {
  it('resolves with the URL once the admin token line is out too, and stops the process', async () => {
    const server = await startServerProcess({ serverMain, dataDir: dir.path, adminToken: 'secret' });
    expect(server.url).toBe('http://127.0.0.1:4321');
    expect(server.stdout()).toContain(`Admin token: secret ${dir.path}\n`);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('removes the temporary data directory it made once the process has ended', async () => {
    const server = await startServerProcess({ serverMain });
    expect(existsSync(server.dataDir)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
  });

  it('rejects with the logs when the server stops before it serves', async () => {
    await expect(startServerProcess({ serverMain, env: { FAKE: 'fail' } })).rejects.toThrow(
      /stopped before it served \(exit code 1\)[\s\S]*bad environment: PORT/,
    );
  });

  it('kills a server that does not serve in time', async () => {
    await expect(
      startServerProcess({ serverMain, env: { FAKE: 'silent' }, startTimeoutMs: 500 }),
    ).rejects.toThrow(/did not serve within 0.5 s/);
  });

  it('says how to build a missing server', async () => {
    await expect(
      startServerProcess({ serverMain: `${dir.path}/missing.js`, buildHint: 'build it first' }),
    ).rejects.toThrow(/missing\.js is missing: build it first/);
  });
});
