import { setTimeout as sleep } from 'node:timers/promises';
import type { Gateway } from '../../src/gateway.ts';
import { sandbox } from '../../test/support/harness.ts';
import type { Scenario } from '../scenario.ts';
import {
  describeLoad,
  type LoadFigures,
  launchBrowser,
  longest,
  longTasksFromNow,
  measureLoad,
  medianLoad,
  openTab,
  timeToShow,
} from '../support/browser.ts';
import {
  type BenchGateway,
  type LinkedSession,
  linkSessions,
  startBenchGateway,
} from '../support/gateway.ts';
import { PLAIN_SESSIONS } from '../support/plain-pages.ts';
import { count, duration, median, ratio } from '../support/stats.ts';
import type { Row } from '../table.ts';

const CARD = '[data-testid="session-card"]';
const PLAIN_PATH = '/bench/plain-sessions';

const drop = (g: BenchGateway, id: string) =>
  sandbox({ url: g.url } as Gateway, g.cookie, 'POST', `/sessions/${id}/drop`);

/** Loads a page in a fresh tab; the plain page is served on the gateway's origin, so it uses the same API. */
async function load(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  g: BenchGateway,
  plain: boolean,
  capMs: number,
) {
  const { context, page } = await openTab(browser, g, CARD);
  if (plain)
    await page.route(`${g.url}${PLAIN_PATH}`, (route) =>
      route.fulfill({ contentType: 'text/html', body: PLAIN_SESSIONS }),
    );
  try {
    return await measureLoad(page, `${g.url}${plain ? PLAIN_PATH : '/sessions'}`, capMs);
  } finally {
    await context.close();
  }
}

/**
 * With the dashboard open and settled: drops connections of random sessions (20 a second) for `seconds`,
 * and once a second drops the first card's session and times until its badge changes.
 */
async function streaming(
  browser: Awaited<ReturnType<typeof launchBrowser>>,
  g: BenchGateway,
  sessions: LinkedSession[],
  seconds: number,
  capMs: number,
) {
  const { context, page } = await openTab(browser, g, CARD);
  try {
    const loaded = await measureLoad(page, `${g.url}/sessions`, capMs);
    if (loaded.capped) return { longest: Number.NaN, shows: Number.NaN, capped: true };
    const visible = await page.evaluate<string>(`document.querySelector('${CARD}').dataset.sessionId`);
    const tasks = await longTasksFromNow(page);
    const shows: number[] = [];
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      for (let i = 0; i < 20; i++) {
        const other = sessions[Math.floor(Math.random() * sessions.length)]!;
        if (other.id !== visible) await drop(g, other.id);
        await sleep(50);
      }
      shows.push(await timeToShow(page, visible, () => drop(g, visible)));
    }
    const longTasks = await tasks();
    return {
      longest: longTasks ? Math.max(0, ...longTasks) : Number.NaN,
      shows: median(shows),
      capped: longTasks === null,
    };
  } finally {
    await context.close();
  }
}

export const dashboard: Scenario = {
  name: 'dashboard',
  about:
    'the dashboard in Chromium with 200 and 1,000 sandbox accounts, beside a plain DOM page with the same data',
  async run(o): Promise<Row[]> {
    const sizes = o.short ? [500] : [200, 1000];
    const capMs = o.short ? 30_000 : 120_000;
    const g = await startBenchGateway();
    const browser = await launchBrowser();
    const rows: Row[] = [];
    try {
      const sessions: LinkedSession[] = [];
      for (const size of sizes) {
        o.progress(`linking ${size - sessions.length} more sandbox sessions through the API`);
        const t0 = Date.now();
        sessions.push(...(await linkSessions(g, size - sessions.length, sessions.length)));
        o.progress(`  linked in ${duration(Date.now() - t0)}`);
        const dash: LoadFigures[] = [];
        const plain: LoadFigures[] = [];
        for (let r = 1; r <= o.rounds; r++) {
          o.progress(`round ${r}/${o.rounds}: ${size} accounts — dashboard, then plain page`);
          dash.push(await load(browser, g, false, capMs));
          plain.push(await load(browser, g, true, capMs));
        }
        o.progress(`${size} accounts: status changes streaming`);
        const live = await streaming(browser, g, sessions, o.short ? 3 : o.roundSeconds, capMs);
        const d = medianLoad(dash);
        const p = medianLoad(plain);
        rows.push({
          what: `dashboard, ${count(size)} sandbox accounts`,
          switchboard: describeLoad(d),
          ceiling: `plain DOM page, same data: ${describeLoad(p)}`,
          ratio: `${ratio(d.settled, p.settled)} (settled)`,
        });
        rows.push({
          what: `… while 20 status changes/s stream`,
          switchboard: live.capped
            ? 'page frozen'
            : `longest task ${longest(live.longest)}; one status change shows in ${duration(live.shows)}`,
          ceiling: '—',
          ratio: '—',
        });
      }
      return rows;
    } finally {
      await browser.close();
      await g.stop();
    }
  },
};
