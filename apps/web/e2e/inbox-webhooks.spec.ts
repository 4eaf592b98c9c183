import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { countLoads, desktopContext, shoot, signInAsAdmin, trpcMutation, trpcQuery } from './support.ts';

/**
 * The inbox and webhooks against the shared gateway. Self-contained: it signs in as the admin (creating the
 * account when this file runs alone) and links an account of its own through the API and the sandbox.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Inbox desk', id: 'inbox-desk', phone: '4915112340077' };
const customer = '14155550177';
const firstText = 'Hello, is my order on its way?';
const replyText = 'Yes, it ships today.';

let context: BrowserContext;
let page: Page;
let loads: () => number;

interface SessionLike {
  status: string;
  qr: { qr: string } | null;
}

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  loads = countLoads(page);
  const request = context.request;

  await signInAsAdmin(request);

  // An account of this spec's own, linked by scanning its QR code with a virtual phone.
  await trpcMutation(request, 'sessions.create', { name: desk.name, id: desk.id });
  await expect
    .poll(
      async () => {
        const session = await trpcQuery<SessionLike>(request, 'sessions.byId', { id: desk.id });
        if (session.status === 'connected') return 'connected';
        if (session.qr) {
          await request.post('/api/sandbox/scan', { data: { qr: session.qr.qr, phone: desk.phone } });
        }
        return session.status;
      },
      { timeout: 20_000 },
    )
    .toBe('connected');
});

test.afterAll(async () => {
  await context?.close();
});

const conversationRow = () => page.getByTestId('conversation').filter({ hasText: firstText });

test('an incoming message shows up in the inbox live, and opening it marks it read', async () => {
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Inbox' }).first()).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Account', { exact: true })).toBeVisible();
  const before = loads();

  const response = await context.request.post('/api/sandbox/inbound', {
    data: { from: customer, to: desk.phone, text: firstText },
  });
  expect(response.ok(), await response.text()).toBe(true);

  await expect(conversationRow()).toBeVisible();
  await expect(conversationRow().getByTestId('unread-badge')).toHaveText('1 unread');
  expect(loads()).toBe(before);
  await shoot(page, 'inbox-01-list', { dark: true });

  // One account only: the conversation is still there.
  await page.getByLabel('Account', { exact: true }).selectOption(desk.id);
  await expect(conversationRow()).toBeVisible();
  await page.getByLabel('Search names, numbers and messages').fill('0177');
  await expect(conversationRow()).toBeVisible();
  await page.getByLabel('Search names, numbers and messages').fill('no such person');
  await expect(page.getByText('No conversation matches')).toBeVisible();
  await page.getByLabel('Search names, numbers and messages').fill('');

  await conversationRow().click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('bubble').filter({ hasText: firstText })).toHaveAttribute(
    'data-direction',
    'in',
  );
  await expect(conversationRow().getByTestId('unread-badge')).toHaveCount(0);
});

test('a reply from the thread reaches the phone, with live ticks; resolve and reopen', async () => {
  const thread = page.getByTestId('thread');
  await thread.getByLabel('Reply').fill(replyText);
  await thread.getByRole('button', { name: 'Send', exact: true }).click();

  const bubble = thread.getByTestId('bubble').filter({ hasText: replyText });
  await expect(bubble).toHaveAttribute('data-direction', 'out');
  await expect(bubble.getByTestId('tick')).toHaveAttribute('data-tick', 'read');
  await expect(bubble.getByTestId('tick')).toHaveText('Read');
  await expect(thread.getByLabel('Reply')).toHaveValue('');

  await expect
    .poll(async () => {
      const received = await context.request.get(`/api/sandbox/phones/${customer}/messages`);
      const list = (await received.json()) as { from: string; text: string }[];
      return list.some((m) => m.text === replyText && m.from === desk.phone);
    })
    .toBe(true);

  // A second incoming message arrives live in the open thread.
  await context.request.post('/api/sandbox/inbound', {
    data: { from: customer, to: desk.phone, text: 'Great, thanks!' },
  });
  await expect(thread.getByTestId('bubble').filter({ hasText: 'Great, thanks!' })).toBeVisible();

  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(thread.getByTestId('conversation-status')).toHaveText('Resolved');
  // The list shows open conversations: the resolved one leaves it, its thread stays open.
  await expect(page.getByTestId('conversation').filter({ hasText: 'Great, thanks!' })).toHaveCount(0);
  await shoot(page, 'inbox-02-thread', { dark: true });
  await thread.getByRole('button', { name: 'Reopen' }).click();
  await expect(thread.getByTestId('conversation-status')).toHaveText('Open');
  await expect(page.getByTestId('conversation').filter({ hasText: 'Great, thanks!' })).toBeVisible();

  // On a phone the list and the thread are separate views.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('region', { name: 'Conversations' })).toBeHidden();
  await page.getByRole('button', { name: 'Back to the conversations' }).click();
  await expect(page.getByRole('region', { name: 'Conversations' })).toBeVisible();
  await expect(page.getByTestId('conversation').filter({ hasText: 'Great, thanks!' })).toBeVisible();
  await expect(page.getByTestId('thread')).toHaveCount(0);
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('a webhook endpoint on a loopback receiver: secret shown once, test event, a delivery log that stays live', async () => {
  // The first real event fails once, so the panel shows it waiting for its retry before it is delivered.
  const { received, url, close } = await loopbackReceiver((body, earlier) =>
    body.includes('Webhook me') && !earlier.some((r) => r.body.includes('Webhook me')) ? 500 : 200,
  );
  try {
    await page.goto(`/sessions/${desk.id}`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    await expect(section.getByText('No endpoints yet')).toBeVisible();
    await section.getByRole('button', { name: 'Add endpoint' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await expect(dialog.getByText('Enter the URL the events are posted to.')).toBeVisible();
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByLabel('Description').fill('Order system');
    await expect(dialog.getByRole('checkbox', { name: /message\.received/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /session\.qr/ })).not.toBeChecked();
    await shoot(page, 'webhooks-01-add', { phone: false });
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Endpoint added' });
    await expect(secretDialog.getByText('you won’t see it again')).toBeVisible();
    await expect(secretDialog.getByLabel('Signing secret')).toHaveValue(/^whsec_/);
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await expect(secretDialog).toHaveCount(0);

    const endpoint = section.getByTestId('webhook').filter({ hasText: url });
    await expect(endpoint.getByTestId('webhook-state')).toHaveText('Enabled');
    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    await expect(endpoint.getByTestId('test-result')).toContainText('Test event delivered · HTTP 200');
    const test = received.find((r) => r.body.includes('"webhook.test"'));
    expect(test?.headers['webhook-signature']).toMatch(/^v1,/);

    // A real event goes out on its own; the page stays open and follows it live, with no reload or Refresh.
    await endpoint.getByRole('button', { name: 'Delivery log' }).click();
    const log = endpoint.getByRole('region', { name: /Delivery log/ });
    await expect(log.getByText(/No deliveries yet/)).toBeVisible();
    await expect(endpoint.getByTestId('last-success')).toContainText('Never');
    const pageLoads = loads();
    await context.request.post('/api/sandbox/inbound', {
      data: { from: customer, to: desk.phone, text: 'Webhook me' },
    });
    const row = log.getByTestId('delivery').filter({ hasText: 'message.received' }).first();
    // The receiver's 500 shows at once: waiting for its retry, a failure counted, the payload that was sent.
    await expect(row).toHaveAttribute('data-status', 'pending');
    await expect(endpoint.getByTestId('failures-in-a-row')).toHaveText('1');
    await row.locator('summary').click();
    await expect(row.getByTestId('next-attempt')).toContainText('Next attempt');
    await expect(row.getByTestId('delivery-payload')).toContainText('"text": "Webhook me"');
    await shoot(page, 'webhooks-02-retrying', { phone: false });
    // The retry succeeds and the card turns delivered by itself.
    await expect(row).toHaveAttribute('data-status', 'delivered', { timeout: 20_000 });
    await expect(row.getByTestId('delivery-status')).toHaveText('Delivered');
    await expect(endpoint.getByTestId('last-success')).not.toContainText('Never');
    await expect(endpoint.getByTestId('failures-in-a-row')).toHaveText('0');
    await expect(row.getByTestId('next-attempt')).toHaveCount(0);
    await expect(row.getByRole('table')).toContainText('500');
    await expect(row.getByRole('table')).toContainText('200');
    expect(loads()).toBe(pageLoads);
    const before = received.length;
    await row.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => received.length).toBeGreaterThan(before);
    await shoot(page, 'webhooks-03-endpoint', { dark: true });

    // Rotating shows a new secret once; deleting asks first.
    await endpoint.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate the signing secret?' })
      .getByRole('button', { name: 'Rotate secret' })
      .click();
    const rotated = page.getByRole('dialog', { name: 'New signing secret' });
    await expect(rotated.getByLabel('Signing secret')).toHaveValue(/^whsec_/);
    await rotated.getByRole('button', { name: 'I have stored it' }).click();

    await endpoint.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this endpoint?' })
      .getByRole('button', { name: 'Delete endpoint' })
      .click();
    await expect(section.getByText('No endpoints yet')).toBeVisible();
  } finally {
    await close();
  }
});

test('admins manage server-wide endpoints, which get every account’s events, live', async () => {
  const { received, url, close } = await loopbackReceiver(() => 200);
  try {
    await page.goto('/');
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Server webhooks' }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    await expect(page.getByRole('heading', { name: 'Server-wide webhooks', level: 1 })).toBeVisible();
    const section = page.getByRole('region', { name: 'Endpoints for every account' });
    await expect(section.getByText('No endpoints yet')).toBeVisible();
    await section.getByRole('button', { name: 'Add endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add webhook endpoint' });
    await dialog.getByLabel('URL').fill(url);
    await dialog.getByRole('button', { name: 'Add endpoint' }).click();
    await page
      .getByRole('dialog', { name: 'Endpoint added' })
      .getByRole('button', { name: 'I have stored it' })
      .click();

    const endpoint = section.getByTestId('webhook').filter({ hasText: url });
    await endpoint.getByRole('button', { name: 'Delivery log' }).click();
    await context.request.post('/api/sandbox/inbound', {
      data: { from: customer, to: desk.phone, text: 'Server-wide hello' },
    });
    const row = endpoint.getByTestId('delivery').filter({ hasText: 'message.received' }).first();
    await expect(row).toHaveAttribute('data-status', 'delivered');
    await row.locator('summary').click();
    await expect(row.getByTestId('delivery-payload')).toContainText(`"accountId": "${desk.id}"`);
    expect(received.some((r) => r.body.includes('Server-wide hello'))).toBe(true);
    await shoot(page, 'webhooks-04-server-wide', { dark: true, narrowest: true });
    // In Arabic the panel mirrors; URLs, event names and the payload stay left to right.
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitemradio', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    // The English names of the region are gone: found by test id.
    const arabicRow = page.getByTestId('delivery').first();
    await expect(arabicRow.getByTestId('delivery-status')).toHaveText('تم التسليم');
    await expect(arabicRow.getByTestId('delivery-payload')).toHaveAttribute('dir', 'ltr');
    await shoot(page, 'webhooks-05-server-wide-arabic', { narrowest: true });
    await page.locator('header [aria-haspopup="menu"]').click();
    await page.getByRole('menuitemradio', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    await endpoint.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete this endpoint?' })
      .getByRole('button', { name: 'Delete endpoint' })
      .click();
    await expect(section.getByText('No endpoints yet')).toBeVisible();
  } finally {
    await close();
  }
});

/** A webhook receiver on loopback; `answer` picks each request's status from its body and those before it. */
async function loopbackReceiver(answer: (body: string, earlier: Received[]) => number) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const status = answer(body, received);
      received.push({ headers: req.headers, body });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
