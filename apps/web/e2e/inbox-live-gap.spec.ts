import { type BrowserContext, expect, type Page, test, type WebSocketRoute } from '@playwright/test';
import { desktopContext, linkSandboxDesk, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * The inbox reads its lists over HTTP and follows them over the live WebSocket. What arrives after a list
 * was read but before the live stream is open (a slow socket, a reconnect) is in no live event: the screen
 * must still show it once the stream opens. The socket is held back here to open exactly that gap.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Gap desk', id: 'gap-desk', phone: '4915112340091' };
const first = { phone: '14155550911', text: 'Is the shop open on Sunday?' };
const other = { phone: '14155550912', text: 'Do you deliver to Porto?' };

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  await signInAsAdmin(context.request);
  await linkSandboxDesk(context.request, desk);
  page = await context.newPage();
});

test.afterAll(async () => {
  await trpcMutation(context.request, 'sessions.delete', { id: desk.id });
  await context?.close();
});

const inbound = async (from: string, text: string) => {
  const response = await context.request.post('/api/sandbox/inbound', {
    data: { from, to: desk.phone, text },
  });
  expect(response.ok(), await response.text()).toBe(true);
};

/**
 * Holds the dashboard's live socket back (its messages queued) until the returned function lets it through;
 * `rewrite` changes what the dashboard sends on it.
 */
async function holdLiveSocket(rewrite: (message: string) => string = (m) => m): Promise<() => void> {
  let release = () => {};
  await page.routeWebSocket(/\/trpc$/, (ws: WebSocketRoute) => {
    const queued: string[] = [];
    let server: WebSocketRoute | null = null;
    ws.onMessage((message) => {
      if (server) server.send(rewrite(String(message)));
      else queued.push(String(message));
    });
    release = () => {
      server = ws.connectToServer();
      server.onMessage((message) => ws.send(message));
      for (const message of queued.splice(0)) server.send(rewrite(message));
    };
  });
  return () => release();
}

test('messages that arrive before the live stream opens still show in the list and the open thread', async () => {
  await inbound(first.phone, first.text);
  const release = await holdLiveSocket();
  await page.goto(`/inbox?session=${desk.id}`);
  const rows = page.getByTestId('conversation');
  await rows.filter({ hasText: first.text }).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('bubble').filter({ hasText: first.text })).toBeVisible();

  // Both lists have been read; the live stream is not open yet.
  await inbound(first.phone, 'And on public holidays?');
  await inbound(other.phone, other.text);
  release();

  await expect(thread.getByTestId('bubble').filter({ hasText: 'And on public holidays?' })).toBeVisible();
  await expect(rows.filter({ hasText: other.text })).toBeVisible();
});

test('when the stream cannot resume from where the lists were read, they are read again', async () => {
  // A resume point the server no longer knows (it restarted, or too much happened since): it says "gap".
  const stale = (message: string) => message.replace(/"lastEventId":"[^"]*"/g, '"lastEventId":"00000000:1"');
  const opening = 'One more question';
  await inbound(other.phone, opening);
  const release = await holdLiveSocket(stale);
  await page.goto(`/inbox?session=${desk.id}`);
  const rows = page.getByTestId('conversation');
  await rows.filter({ hasText: opening }).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('bubble').filter({ hasText: opening })).toBeVisible();

  await inbound(other.phone, 'Past the resume point');
  await inbound(first.phone, 'Also past it');
  release();

  await expect(thread.getByTestId('bubble').filter({ hasText: 'Past the resume point' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Also past it' })).toBeVisible();
});
