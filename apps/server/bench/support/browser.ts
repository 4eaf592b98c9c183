import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import type { BenchGateway } from './gateway.ts';
import { count, duration, medians } from './stats.ts';

/** The machine's Chromium, launched as the browser tests launch it (no network beyond loopback). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=LocalNetworkAccessChecks',
    ],
  });
}

/**
 * Instruments every document of the page before its own scripts run: long tasks (PerformanceObserver), the
 * last DOM change, when the first item matching `selector` was painted, and — for a session named in
 * `__bench.watch` — when its status badge first said "reconnecting".
 */
const instrument = (selector: string) => `(() => {
  const b = (window.__bench = { longTasks: [], lastMutation: 0, firstItem: 0, watch: null });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver(() => {
    b.lastMutation = performance.now();
    if (b.firstItem === 0 && document.querySelector(${JSON.stringify(selector)})) {
      b.firstItem = -1;
      // After the frame that shows it has been painted.
      requestAnimationFrame(() => setTimeout(() => { b.firstItem = performance.now(); }));
    }
    const w = b.watch;
    if (w && !w.seenAt) {
      const badge = document.querySelector('[data-session-id="' + w.id + '"] [data-testid="status-badge"]');
      if (badge && badge.getAttribute('data-status') === 'reconnecting') w.seenAt = Date.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

interface PageState {
  now: number;
  lastMutation: number;
  firstItem: number;
  longTasks: [number, number][];
}

const state = (page: Page, timeoutMs: number) =>
  Promise.race([
    page.evaluate<PageState>(
      '({ now: performance.now(), lastMutation: __bench.lastMutation, firstItem: __bench.firstItem, longTasks: __bench.longTasks })',
    ),
    // A page whose main thread is busy answers nothing until it is done.
    sleep(timeoutMs).then(() => null),
  ]);

export interface LoadFigures {
  /** ms from navigation to the first item painted. */
  firstPaint: number;
  /** ms from navigation to the last DOM change or long task of the load (the live snapshot included). */
  settled: number;
  /** Summed long tasks (main-thread script in chunks over 50 ms) and the longest one. */
  longTaskTotal: number;
  longestTask: number;
  domNodes: number;
  /** It did not settle within the cap: the figures are lower bounds. */
  capped: boolean;
}

/** A fresh signed-in tab, instrumented to watch `selector` appear. */
export async function openTab(
  browser: Browser,
  g: BenchGateway,
  selector: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  const [name, value] = g.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: g.url }]);
  await context.addInitScript(instrument(selector));
  return { context, page: await context.newPage() };
}

const QUIET_MS = 1000;
// Strings: the bench is type-checked without the DOM library, as the browser tests are.
const DOM_NODES = "document.getElementsByTagName('*').length";

/**
 * Loads `path` and waits until it has settled — no DOM change and no long task for a second — or until
 * `capMs`, whichever comes first (a frozen page is reported, not waited for).
 */
export async function measureLoad(page: Page, url: string, capMs: number): Promise<LoadFigures> {
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  let last: PageState | null = null;
  for (;;) {
    await sleep(250);
    const s = await state(page, 1000);
    if (s) last = s;
    const busyUntil = last ? Math.max(last.lastMutation, ...last.longTasks.map(([t, d]) => t + d)) : 0;
    if (s && s.firstItem > 0 && s.now - busyUntil > QUIET_MS) break;
    if (Date.now() - started > capMs) {
      const nodes = await Promise.race([page.evaluate<number>(DOM_NODES), sleep(1000)]);
      return summarise(last, Date.now() - started, typeof nodes === 'number' ? nodes : Number.NaN, true);
    }
  }
  const nodes = await page.evaluate<number>(DOM_NODES);
  return summarise(last, Number.NaN, nodes, false);
}

function summarise(s: PageState | null, elapsed: number, domNodes: number, capped: boolean): LoadFigures {
  const tasks = s?.longTasks ?? [];
  const busyUntil = Math.max(s?.lastMutation ?? 0, ...tasks.map(([t, d]) => t + d));
  return {
    firstPaint: s && s.firstItem > 0 ? s.firstItem : elapsed,
    settled: capped ? elapsed : Math.max(busyUntil, s?.firstItem ?? 0),
    longTaskTotal: tasks.reduce((sum, [, d]) => sum + d, 0),
    longestTask: Math.max(0, ...tasks.map(([, d]) => d)),
    domNodes,
    capped,
  };
}

/** Long tasks from now on: call the returned function to read them. */
export async function longTasksFromNow(page: Page): Promise<() => Promise<number[] | null>> {
  await page.evaluate('__bench.longTasks = []');
  return async () => {
    const s = await state(page, 30_000);
    return s ? s.longTasks.map(([, d]) => d) : null;
  };
}

/**
 * How long a status change takes to show: arms the page's watch for `sessionId`, runs `change` (which
 * drops that session's connection) and resolves with the ms until its badge said "reconnecting".
 */
export async function timeToShow(
  page: Page,
  sessionId: string,
  change: () => Promise<unknown>,
): Promise<number> {
  await page.evaluate(`__bench.watch = { id: ${JSON.stringify(sessionId)}, seenAt: 0 }`);
  const started = Date.now();
  await change();
  for (;;) {
    const seenAt = await Promise.race([
      page.evaluate<number>('__bench.watch.seenAt'),
      sleep(1000).then(() => 0),
    ]);
    if (seenAt) return seenAt - started;
    if (Date.now() - started > 30_000) return Number.POSITIVE_INFINITY;
    await sleep(20);
  }
}

/** The median of each figure over rounds; capped if any round was. */
export function medianLoad(rounds: readonly LoadFigures[]): LoadFigures {
  const figures = medians(rounds.map(({ capped: _, ...numbers }) => numbers));
  return { ...figures, capped: rounds.some((r) => r.capped) };
}

/** The longest task: "none" when no task took over 50 ms (what the browser counts as long). */
export const longest = (ms: number) => (ms === 0 ? 'none over 50 ms' : duration(ms));

export function describeLoad(f: LoadFigures): string {
  const settled = f.capped ? `> ${duration(f.settled)} (frozen)` : duration(f.settled);
  const tasks = f.longTaskTotal
    ? `${duration(f.longTaskTotal)} in long tasks (longest ${duration(f.longestTask)})`
    : 'no long task';
  return `first paint ${duration(f.firstPaint)}, settled ${settled}, ${tasks}, ${count(f.domNodes)} DOM nodes`;
}
