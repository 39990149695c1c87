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

/** Whether the caller asked to skip the end-to-end suite (`UPSELL_SKIP_E2E=1`). */
export const e2eSkipped = (): boolean => process.env.UPSELL_SKIP_E2E === '1';

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
