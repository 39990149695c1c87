import { createUpsellClient, type UpsellClient } from '@upsell/client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject, onTestFinished } from 'vitest';
import { screenshot } from './artifacts.ts';
import { signIn } from './sign-in.ts';

/** A page of its own browser context, and the uncaught errors it has thrown so far. */
export interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Closes the context; throws if the page threw an uncaught error meanwhile. */
  close(): Promise<void>;
}

/** Options of {@link openPage}. */
export interface OpenPageOptions {
  width?: number;
  height?: number;
  /** Sign in with the admin token through the sign-in form (default true). */
  signIn?: boolean;
}

/** The server's URL of a path, e.g. `url('/datasets')`. */
export const url = (path: string) => new URL(path, inject('baseUrl')).href;

/** A typed API client signed in with the suite's admin token, to check the UI's numbers. */
export const apiClient = (): UpsellClient =>
  createUpsellClient({ url: inject('baseUrl'), token: inject('adminToken') });

/**
 * Opens `path` in a fresh context (no stored token, no cache) at `width` x `height`, and signs
 * in through the form the way a person does. Called in a test: if the test fails, the page is
 * saved as `artifacts/failed-<test>.png`; when it ends, the context is closed, and the test fails
 * if the page broke the server's Content-Security-Policy (chromium reports each refused script,
 * style, image or request on the console), so every test checks the policy lets the UI work.
 */
export async function openPage(
  browser: Browser,
  path: string,
  options: OpenPageOptions = {},
): Promise<OpenPage> {
  const { width = 1280, height = 800, signIn: signingIn = true } = options;
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  const refused: string[] = [];
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail' && !page.isClosed()) {
      await screenshot(page, `failed-${task.name.replace(/\W+/g, '-').slice(0, 80)}`);
    }
    await context.close();
    if (refused.length > 0) {
      throw new Error(`the page broke the Content-Security-Policy:\n${refused.join('\n')}`);
    }
  });
  await page.goto(url(path));
  if (signingIn) await signIn(page, inject('adminToken'));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      if (errors.length > 0) throw new Error(`the page threw:\n${errors.join('\n')}`);
    },
  };
}
