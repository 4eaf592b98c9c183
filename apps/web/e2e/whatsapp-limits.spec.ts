import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { OWN_PORT, type OwnGateway, shoot, startOwnGateway } from './support.ts';

/**
 * What today's WhatsApp does to a working account, as an operator sees it, with the sandbox standing in:
 * the reach-out limit (error 463) on the session card and detail screen, and a send WhatsApp may or may not
 * have received ("Unknown") until its receipts settle it. A gateway of this test's own, with receipts slow
 * enough to watch the status before them.
 */
const account = '4915112340088';
const customer = '14155550188';
const stranger = '14155550189';

async function call<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await api.post(`/trpc/${path}`, { data: input });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

async function linkOutreachDesk(api: APIRequestContext): Promise<void> {
  await call(api, 'auth.setup', {
    name: 'Lena Limits',
    email: 'lena@example.com',
    password: 'limits-pass-1',
  });
  await call(api, 'sessions.create', { name: 'Outreach desk', engine: 'sandbox' });
  await expect
    .poll(async () => {
      const response = await api.get(
        `/trpc/sessions.byId?input=${encodeURIComponent(JSON.stringify({ id: 'outreach-desk' }))}`,
      );
      const session = ((await response.json()) as { result: { data: { qr: { qr: string } | null } } }).result
        .data;
      if (!session.qr) return false;
      return (await api.post('/api/sandbox/scan', { data: { qr: session.qr.qr, phone: account } })).ok();
    })
    .toBe(true);
  // A customer writes first: replies to them still go out while the account is limited.
  await expect
    .poll(async () =>
      (
        await api.post('/api/sandbox/inbound', { data: { from: customer, to: account, text: 'Any news?' } })
      ).ok(),
    )
    .toBe(true);
}

test('a reach-out limit shows on the session; a send WhatsApp may not have received shows Unknown until a receipt', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-limits-'));
  let gateway: OwnGateway | null = await startOwnGateway(OWN_PORT, dataDir, {
    deliveredDelayMs: 5_000,
    readDelayMs: 7_000,
  });
  const context = await browser.newContext({ baseURL: gateway.url, viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    const api = context.request;
    await linkOutreachDesk(api);

    // WhatsApp limits the account for ten minutes.
    const limit = await api.post('/api/sandbox/sessions/outreach-desk/limit', { data: { forMs: 600_000 } });
    expect(limit.ok(), await limit.text()).toBe(true);
    await page.goto('/sessions');
    const card = page.locator('[data-session-id="outreach-desk"]');
    await expect(card.getByTestId('status-badge')).toHaveAttribute('data-status', 'connected');
    // The time it ends; with the day first when that is tomorrow (a run after 23:50).
    await expect(card.getByTestId('limit-badge')).toContainText(
      /^Limited until ([A-Z][a-z]{2}\s\d{1,2},\s)?\d{1,2}:\d\d/,
    );
    await expect(card.getByTestId('limit-badge')).toHaveAttribute('title', /error 463, reach-out limit/);
    await expect(card.getByTestId('limit-note')).toContainText(
      /Ends .*; restarting or re-linking would not help/,
    );
    await shoot(page, 'limits-01-session-card', { dark: true });

    await card.getByRole('link', { name: 'Outreach desk' }).click();
    await expect(page.getByRole('heading', { name: 'Outreach desk', exact: true })).toBeVisible();
    await expect(page.getByTestId('limit-badge')).toBeVisible();
    await expect(page.getByText('Reach-out limit', { exact: true })).toBeVisible();
    await shoot(page, 'limits-02-session-detail', { phone: false });

    // A message to someone who never wrote fails at once, saying why.
    await page.goto('/messages');
    await page.getByRole('combobox', { name: 'Send from' }).selectOption('outreach-desk');
    await expect(page.getByText(/WhatsApp limits Outreach desk from starting new chats until/)).toBeVisible();
    const to = page.getByRole('textbox', { name: 'To' });
    const message = page.getByRole('textbox', { name: 'Message' });
    await to.fill(`+${stranger}`);
    await message.fill('A special offer');
    await page.getByRole('button', { name: 'Send message', exact: true }).click();
    const offer = page.getByTestId('message').filter({ hasText: 'A special offer' });
    await expect(offer.getByTestId('message-status')).toHaveAttribute('data-status', 'failed');
    await expect(offer.getByTestId('message-error')).toContainText('error 463, reach-out limit');

    // A reply to the customer goes out, but the send fails after WhatsApp took it: Unknown, not re-sent.
    expect((await api.post('/api/sandbox/sessions/outreach-desk/fail-next-send', { data: {} })).ok()).toBe(
      true,
    );
    await to.fill(`+${customer}`);
    await message.fill('It ships today');
    await page.getByRole('button', { name: 'Send message', exact: true }).click();
    const reply = page.getByTestId('message').filter({ hasText: 'It ships today' });
    const status = reply.getByTestId('message-status');
    await expect(status).toHaveAttribute('data-status', 'unknown');
    await expect(status).toHaveText('Unknown');
    await expect(status).toHaveAttribute(
      'title',
      'WhatsApp may or may not have received it; it will not be re-sent automatically',
    );
    await expect(reply.getByTestId('message-error')).toContainText('it will not be re-sent automatically');
    await shoot(page, 'limits-03-unknown', { phone: false });
    await expect(status).toHaveAttribute('data-status', 'delivered', { timeout: 15_000 });
    await expect(reply.getByTestId('message-error')).toHaveCount(0);
    const phone = await api.get(`/api/sandbox/phones/${customer}/messages`);
    expect(
      ((await phone.json()) as { text: string }[]).filter((m) => m.text === 'It ships today'),
    ).toHaveLength(1);

    // The same from the inbox: the reply's tick says Unknown, then the receipt settles it.
    expect((await api.post('/api/sandbox/sessions/outreach-desk/fail-next-send', { data: {} })).ok()).toBe(
      true,
    );
    await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Inbox' }).click();
    await page.getByTestId('conversation').filter({ hasText: 'Fatima Haddad' }).click();
    const thread = page.getByTestId('thread');
    await thread.getByLabel('Reply').fill('Tracking number follows');
    await thread.getByRole('button', { name: 'Send', exact: true }).click();
    const tick = thread
      .getByTestId('bubble')
      .filter({ hasText: 'Tracking number follows' })
      .getByTestId('tick');
    await expect(tick).toHaveAttribute('data-tick', 'unknown');
    await expect(tick).toHaveAttribute('title', /will not be re-sent automatically/);
    await shoot(page, 'limits-04-inbox-unknown', { phone: false });
    await expect(tick).toHaveAttribute('data-tick', 'delivered', { timeout: 15_000 });

    // WhatsApp lifts the limit: the badge goes, live.
    expect((await api.post('/api/sandbox/sessions/outreach-desk/limit', { data: { forMs: 0 } })).ok()).toBe(
      true,
    );
    await page.goto('/sessions');
    await expect(card.getByTestId('status-badge')).toHaveAttribute('data-status', 'connected');
    await expect(card.getByTestId('limit-badge')).toHaveCount(0);
  } finally {
    await context.close();
    await gateway?.stop();
    gateway = null;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
