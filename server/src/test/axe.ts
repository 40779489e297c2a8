import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

let axeSource: string | undefined;

/**
 * axe-core on the page as it is now: its serious and critical violations, each with the text of
 * the first node it names. Waits for a settled page first (Fluent fades colours in when a button
 * gets enabled). axe is evaluated through the DevTools protocol: it is the test's tool, not the
 * page's, so the served Content-Security-Policy does not apply to it. (This file is type-checked
 * without the DOM library: the page-side code is typed by hand or written as source text.)
 */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // A function, not source text: the page's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'));
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(`'axe' in window`))) await page.evaluate(axeSource);
  // Fluent's focus guards (Tabster's <i data-tabster-dummy tabindex=0 aria-hidden>, which arrow-key
  // groups such as TabList and Toolbar add) count like any other finding: the pane is built without them.
  return page.evaluate(`(async () => {
    const r = await axe.run();
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ') + ' «' + (document.querySelector(n.target[0] || '')?.textContent ?? '') + '»').join(', '));
  })()`) as Promise<string[]>;
}
