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
export async function seriousAxeViolations(page: Page, { strict = false }: { strict?: boolean } = {}): Promise<string[]> {
  // A function, not source text: the page's CSP forbids eval, which a string predicate needs.
  await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'));
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(`'axe' in window`))) await page.evaluate(axeSource);
  // Fluent's focus guards (Tabster's <i data-tabster-dummy tabindex=0 aria-hidden>, added by
  // arrow-key groups such as TabList and Toolbar, and when focus is lost to the page) are
  // aria-hidden-focus. `strict` counts them (the pane-fit test: its views are built without
  // them); otherwise they are left out until the letter editor's Toolbar is plain buttons too.
  return page.evaluate(`(async () => {
    const r = await axe.run(${strict ? '' : "{ exclude: [['[data-tabster-dummy]']] }"});
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.map((n) => n.target.join(' ') + ' «' + (document.querySelector(n.target[0] || '')?.textContent ?? '') + '»').join(', '));
  })()`) as Promise<string[]>;
}
