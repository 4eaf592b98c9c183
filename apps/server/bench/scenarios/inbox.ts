import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from '@playwright/test';
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
} from '../support/browser.ts';
import {
  type BenchGateway,
  type LinkedSession,
  linkSessions,
  startBenchGateway,
} from '../support/gateway.ts';
import { runLoad } from '../support/load.ts';
import { PLAIN_CONVERSATIONS, plainThread } from '../support/plain-pages.ts';
import { count, ratio } from '../support/stats.ts';
import type { Row } from '../table.ts';

const ROW = '[data-testid="conversation"]';
const BUBBLE = '[data-testid="bubble"]';
const THREAD_SENDER = 491719999999;

/** Incoming messages through the sandbox, from `+49171{n}` for n from `first` on (or all from one sender). */
async function incoming(
  g: BenchGateway,
  account: LinkedSession,
  messages: number,
  from: { first: number; same?: boolean },
  progress: (line: string) => void,
) {
  const sender = from.same ? String(from.first) : `49171{n}`;
  const result = await runLoad({
    url: `${g.url}/api/sandbox/inbound`,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: g.cookie },
    bodyTemplate: {
      text: `{"from":"+${sender}","to":"+${account.phone}","text":"Message {n}"}`,
      start: from.first,
    },
    connections: 16,
    amount: messages,
  });
  // A busy machine can time a few out; a handful fewer in ten thousand changes nothing measured.
  if (result.failed > 0) progress(`  ${result.failed} incoming messages failed: ${result.problems}`);
}

/** One incoming message from `from` (digits), through the sandbox. */
async function inbound(g: BenchGateway, account: LinkedSession, from: string, text: string) {
  const response = await fetch(`${g.url}/api/sandbox/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: g.cookie },
    body: JSON.stringify({ from: `+${from}`, to: `+${account.phone}`, text }),
  });
  if (!response.ok) throw new Error(`an incoming message was refused: ${await response.text()}`);
}

/** Incoming messages at `perSecond` for `seconds`, from the given senders in turn. */
async function trickle(
  g: BenchGateway,
  account: LinkedSession,
  senders: string[],
  perSecond: number,
  seconds: number,
) {
  const until = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < until; i++) {
    await inbound(g, account, senders[i % senders.length]!, `Live ${i}`);
    await sleep(1000 / perSecond);
  }
}

/** Turns the mouse wheel over `selector` `times` times, letting each step load what it asks for. */
async function scroll(page: Page, selector: string, deltaY: number, times: number) {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`nothing to scroll at ${selector}`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < times; i++) {
    await page.mouse.wheel(0, deltaY);
    await sleep(150);
  }
}

interface Measured {
  load: LoadFigures[];
  plain: LoadFigures[];
  scrolled: number;
  streaming: number;
  pages: number;
}

/** Loads `path` (and the plain page) per round, then scrolls and streams in a last, open tab. */
async function measure(
  browser: Browser,
  g: BenchGateway,
  o: { rounds: number; capMs: number; seconds: number },
  target: {
    path: string;
    selector: string;
    plainHtml: string;
    scrollOver: string;
    deltaY: number;
    steps: number;
    stream: () => Promise<void>;
    pageRequest: string;
    /** Before each round's loads (the thread is brought back into the first page). */
    prepare?: () => Promise<void>;
  },
): Promise<Measured> {
  const m: Measured = { load: [], plain: [], scrolled: Number.NaN, streaming: Number.NaN, pages: 0 };
  for (let r = 0; r < o.rounds; r++) {
    await target.prepare?.();
    const plain = await openTab(browser, g, target.selector);
    await plain.page.route(`${g.url}/bench/plain`, (route) =>
      route.fulfill({ contentType: 'text/html', body: target.plainHtml }),
    );
    m.plain.push(await measureLoad(plain.page, `${g.url}/bench/plain`, o.capMs));
    await plain.context.close();
    const last = r === o.rounds - 1;
    const { context, page } = await openTab(browser, g, target.selector);
    try {
      m.load.push(await measureLoad(page, `${g.url}${target.path}`, o.capMs));
      if (!last) continue;
      page.on('request', (request) => {
        if (request.url().includes(target.pageRequest)) m.pages += 1;
      });
      let tasks = await longTasksFromNow(page);
      await scroll(page, target.scrollOver, target.deltaY, target.steps);
      m.scrolled = Math.max(0, ...((await tasks()) ?? [Number.NaN]));
      tasks = await longTasksFromNow(page);
      await target.stream();
      m.streaming = Math.max(0, ...((await tasks()) ?? [Number.NaN]));
    } finally {
      await context.close();
    }
  }
  return m;
}

const loadRow = (what: string, m: Measured, doing: string, streaming: string): Row[] => {
  const d = medianLoad(m.load);
  const p = medianLoad(m.plain);
  return [
    {
      what,
      switchboard: describeLoad(d),
      ceiling: `plain DOM page, same first page: ${describeLoad(p)}`,
      ratio: `${ratio(d.settled, p.settled)} (settled)`,
    },
    {
      what: `… ${doing}; then ${streaming}`,
      switchboard: `longest task ${longest(m.scrolled)} (${count(m.pages)} pages loaded); then ${longest(m.streaming)}`,
      ceiling: '—',
      ratio: '—',
    },
  ];
};

export const inbox: Scenario = {
  name: 'inbox',
  about:
    'the inbox in Chromium with 10,000 conversations and a thread of 10,000 messages, beside plain pages',
  async run(o): Promise<Row[]> {
    const conversations = o.short ? 500 : 10_000;
    const messages = o.short ? 500 : 10_000;
    const capMs = o.short ? 30_000 : 120_000;
    const seconds = o.short ? 2 : o.roundSeconds;
    const steps = o.short ? 10 : 20;
    const g = await startBenchGateway();
    const browser = await launchBrowser();
    try {
      const [account] = await linkSessions(g, 1);
      o.progress(`${conversations} contacts write in, then one writes ${messages} messages`);
      await incoming(g, account!, conversations, { first: 1_000_000 }, o.progress);
      await incoming(g, account!, messages, { first: THREAD_SENDER, same: true }, o.progress);
      const [thread] = (await g.client.conversations.list.query({ limit: 1 })).items;
      if (!thread || thread.contact.phone !== String(THREAD_SENDER))
        throw new Error('the long thread is not on top');
      const senders = Array.from({ length: 100 }, (_, i) => `49171${1_000_000 + i * 7}`);

      o.progress(`inbox: load, scroll down ${steps} times, 20 new messages/s`);
      const list = await measure(
        browser,
        g,
        { rounds: o.rounds, capMs, seconds },
        {
          path: '/inbox',
          selector: ROW,
          plainHtml: PLAIN_CONVERSATIONS,
          scrollOver: ROW,
          deltaY: 4000,
          steps,
          stream: () => trickle(g, account!, senders, 20, seconds),
          pageRequest: 'conversations.list',
        },
      );
      o.progress(`thread: load, scroll up ${steps} times, 10 new messages/s`);
      const threadFigures = await measure(
        browser,
        g,
        { rounds: o.rounds, capMs, seconds },
        {
          path: `/inbox?conversation=${encodeURIComponent(thread.id)}`,
          selector: BUBBLE,
          plainHtml: plainThread(thread.id),
          // The middle of the thread's card is its scrolling message area.
          scrollOver: '[data-testid="thread"]',
          deltaY: -4000,
          steps,
          stream: () => trickle(g, account!, [String(THREAD_SENDER)], 10, seconds),
          pageRequest: 'conversations.messages',
          // Other conversations came in above the long thread, and opening it marked it read (so it sorts
          // after every unread one): one more message brings it back to the top, into the first page the
          // inbox loads, where a link to it finds it.
          prepare: () => inbound(g, account!, String(THREAD_SENDER), 'One more'),
        },
      );
      return [
        ...loadRow(
          `inbox, ${count(conversations)} conversations`,
          list,
          `scrolling down ${steps} times`,
          '20 new messages/s',
        ),
        ...loadRow(
          `thread, ${count(messages)} messages`,
          threadFigures,
          `scrolling up ${steps} times`,
          '10 new messages/s',
        ),
      ];
    } finally {
      await browser.close();
      await g.stop();
    }
  },
};
