import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium, which `.ci/run` installs with apt. */
export const CHROMIUM = '/usr/bin/chromium';

/** The flags the issue asks for: headless, no sandbox (containers), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether the end-to-end suite is skipped: when asked (`UPSELL_SKIP_E2E=1`), or when chromium is
 * missing on a machine that does not require the suite. `.ci/run` installs chromium and sets
 * `UPSELL_REQUIRE_E2E=1`, so there a missing browser fails the run; on a developer's machine
 * with only Node, `pnpm test` says loudly that it skipped them and how to run them.
 */
export const e2eSkipped = (): boolean =>
  process.env.UPSELL_SKIP_E2E === '1' || (!existsSync(CHROMIUM) && process.env.UPSELL_REQUIRE_E2E !== '1');

/** Throws, saying what to do, when Debian's chromium is not installed. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the end-to-end tests drive Debian's chromium.\n` +
        '  Install it:  sudo apt-get install -y --no-install-recommends chromium  (.ci/run does)\n' +
        '  or skip them on purpose:  UPSELL_SKIP_E2E=1 pnpm test',
    );
  }
}

/** Launches Debian's chromium through playwright-core, failing clearly when it is missing. */
export async function launchChromium(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}
