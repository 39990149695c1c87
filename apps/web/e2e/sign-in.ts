import type { Page } from 'playwright-core';

/** Fills the sign-in form with `token`, submits it and waits for the form to go. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('API token').waitFor({ state: 'detached' });
}
