import type { Browser, Page } from '@playwright/test';
import type { Scenario } from '../scenario.ts';
import {
  describeLoad,
  type LoadFigures,
  launchBrowser,
  measureLoad,
  medianLoad,
  openTab,
} from '../support/browser.ts';
import { type BenchGateway, linkSessions, startBenchGateway } from '../support/gateway.ts';
import { count, duration, median } from '../support/stats.ts';
import type { Row } from '../table.ts';

const ROW = '[data-testid="session-row"]';
const CARD = '[data-testid="session-card"]';
/** Where the sessions screen keeps the choice of cards or table (apps/web/src/screens/sessions). */
const VIEW_KEY = 'switchboard.sessions.view';

/** ms until `condition` (a page expression) holds, checked every frame, from `act` on. */
async function timeUntil(page: Page, condition: string, act: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await act();
  // Checked in the page every frame (a string: the page's CSP refuses functions built from text).
  await page.evaluate(
    `new Promise((resolve) => { const check = () => (${condition}) ? resolve(true) : requestAnimationFrame(check); check(); })`,
  );
  return Date.now() - started;
}

/**
 * One round in a fresh tab: the sessions screen in `view`, loaded until settled; in the table, a search that
 * narrows the thousand to a few rows, then (search cleared) the End key down to the last session.
 */
async function round(
  browser: Browser,
  g: BenchGateway,
  view: 'table' | 'cards',
  size: number,
  capMs: number,
) {
  const { context, page } = await openTab(browser, g, view === 'table' ? ROW : CARD);
  await context.addInitScript(`localStorage.setItem(${JSON.stringify(VIEW_KEY)}, ${JSON.stringify(view)})`);
  try {
    const load = await measureLoad(page, `${g.url}/sessions`, capMs);
    if (view === 'cards' || load.capped) return { load, filter: Number.NaN, scroll: Number.NaN };
    const search = page.getByRole('searchbox', { name: 'Search sessions' });
    // "Bench 99" matches Bench 99 and Bench 990 to 999 when there are a thousand: 11 rows (1 with 500).
    const expected = size >= 1000 ? 11 : 1;
    const filter = await timeUntil(page, `document.querySelectorAll('${ROW}').length === ${expected}`, () =>
      search.fill('Bench 99'),
    );
    await search.fill('');
    await timeUntil(page, `document.querySelectorAll('${ROW}').length > ${expected}`, async () => undefined);
    // Out of the search box, where End would only move the cursor.
    await page.evaluate('document.activeElement.blur()');
    const last = `document.querySelector('${ROW}[data-session-id="bench-${size}"]') !== null`;
    const scroll = await timeUntil(page, last, () => page.keyboard.press('End'));
    return { load, filter, scroll };
  } finally {
    await context.close();
  }
}

export const sessionsTable: Scenario = {
  name: 'sessions-table',
  about:
    'the sessions table with 1,000 sandbox accounts in Chromium: first render, a search, scrolling to the end',
  async run(o): Promise<Row[]> {
    const size = o.short ? 500 : 1000;
    const capMs = o.short ? 30_000 : 120_000;
    const g = await startBenchGateway();
    const browser = await launchBrowser();
    try {
      o.progress(`linking ${size} sandbox sessions through the API`);
      await linkSessions(g, size);
      const table: Array<{ load: LoadFigures; filter: number; scroll: number }> = [];
      const cards: LoadFigures[] = [];
      for (let r = 1; r <= o.rounds; r++) {
        o.progress(`round ${r}/${o.rounds}: ${size} accounts — table, then cards`);
        table.push(await round(browser, g, 'table', size, capMs));
        cards.push((await round(browser, g, 'cards', size, capMs)).load);
      }
      const load = medianLoad(table.map((t) => t.load));
      return [
        {
          what: `sessions table, ${count(size)} sandbox accounts`,
          switchboard: describeLoad(load),
          ceiling: `the cards view, same data: ${describeLoad(medianLoad(cards))}`,
          ratio: '—',
        },
        {
          what: '… search to a few rows; End to the last row',
          switchboard: `filtered in ${duration(median(table.map((t) => t.filter)))}; last row shown in ${duration(median(table.map((t) => t.scroll)))}`,
          ceiling: '—',
          ratio: '—',
        },
      ];
    } finally {
      await browser.close();
      await g.stop();
    }
  },
};
