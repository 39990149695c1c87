import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue, Result } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Impacts that fail the suite. */
const FAILING: readonly ImpactValue[] = ['serious', 'critical'];

/**
 * Runs axe-core in the page (injected from node_modules, as the page would never load it) and
 * returns its serious and critical violations. It is evaluated, not added as a `<script>`: the
 * server's Content-Security-Policy refuses inline scripts, and evaluation from the test is no page
 * script.
 */
export async function seriousViolations(page: Page): Promise<Result[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(await readFile(AXE_SCRIPT, 'utf8'));
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe.run({
        resultTypes: ['violations'],
      }) as Promise<AxeResults>,
  );
  return results.violations.filter((violation) => FAILING.includes(violation.impact ?? 'minor'));
}

/** Violations as lines a person can act on: rule, impact, help, and each element with what fails. */
export function describeViolations(violations: readonly Result[]): string[] {
  return violations.flatMap((violation) => [
    `${violation.impact}: ${violation.id}: ${violation.help} (${violation.helpUrl})`,
    ...violation.nodes.map(
      (node) =>
        `  at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim()}`,
    ),
  ]);
}
