import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import {
  decodeQr,
  linkSandboxDesk,
  OWN_PORT,
  SCREENS_DIR,
  shoot,
  startOwnGateway,
  trpcMutation,
  trpcQuery,
} from './support.ts';

/**
 * The Overview an operator lands on: empty on a fresh gateway, then tiles that match the sandbox's state, the
 * 30-day chart (its library loaded only here), the accounts that need attention with the fix one click away,
 * and the failing webhook endpoint. A gateway of this test's own, so the figures are exactly what it did.
 */
const admin = { name: 'Olivia Overview', email: 'olivia@example.com', password: 'overview-pass-1' };
const customer = '14155550177';

/** How long to keep asking for what a busy machine may take a while to do (link, deliver). */
const SLOW = { timeout: 30_000 };

/** Starts a campaign to three numbers from `sessionId`, paced so that it is still running minutes later. */
async function startCampaign(api: APIRequestContext, name: string, sessionId: string): Promise<string> {
  const { id } = await trpcMutation<{ id: string }>(api, 'campaigns.create', {
    name,
    sessionId,
    variants: ['Hello {{name|there}}'],
    pacing: { minGapSeconds: 600, maxGapSeconds: 900, window: null, warmup: false },
  });
  await trpcMutation(api, 'campaigns.addAudience', {
    id,
    source: { type: 'numbers', text: '+14155550181\n+14155550182\n+14155550183' },
  });
  await trpcMutation(api, 'campaigns.start', { id });
  return id;
}

const tile = (page: Page, key: string) => page.getByTestId(`tile-${key}`).getByTestId('tile-value');

test('the Overview: empty at first, then the sandbox state, the chart, and a fix one click away', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-overview-'));
  const gateway = await startOwnGateway(OWN_PORT, dataDir);
  const context = await browser.newContext({ baseURL: gateway.url, viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    const assets: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/assets/')) assets.push(r.url());
    });
    const chartLibraryLoaded = () => assets.some((url) => /\/assets\/charts-[\w-]+\.js$/.test(url));

    // A fresh install: the first admin lands on the Overview, which says what to do first.
    await page.goto('/');
    await page.getByLabel('Your name').fill(admin.name);
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Create admin account', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Overview' }).first()).toHaveAttribute(
      'aria-current',
      'page',
    );
    await expect(page.getByText('No messages yet')).toBeVisible();
    expect(chartLibraryLoaded(), 'no chart library without a chart').toBe(false);
    await shoot(page, '15-overview-empty', { dark: true });

    // "Add an account" goes straight to the Add session dialog; closing it leaves the Sessions page as it is.
    await page.getByRole('link', { name: 'Add an account' }).click();
    const adding = page.getByRole('dialog', { name: 'Add a session' });
    await expect(adding).toBeVisible();
    await expect(page).toHaveURL(/\/sessions$/);
    await page.keyboard.press('Escape');
    await expect(adding).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
    await expect(adding).toBeHidden();
    await page.goto('/');

    // Three accounts: two send and receive, one is unlinked from its phone; one endpoint cannot be reached.
    const api = context.request;
    const [sales, support, berlin] = ['sales-desk', 'support-desk', 'berlin-office'];
    await linkSandboxDesk(api, { name: 'Sales desk', id: sales, phone: '4915112340071' });
    await linkSandboxDesk(api, { name: 'Support desk', id: support, phone: '4915112340072' });
    await linkSandboxDesk(api, { name: 'Berlin office', id: berlin, phone: '4915112340073' });
    for (const text of ['Offer', 'Reminder', 'Thanks'])
      await trpcMutation(api, 'messages.send', { sessionId: sales, to: customer, text });
    await trpcMutation(api, 'messages.send', { sessionId: support, to: customer, text: 'Ticket 12' });
    await trpcMutation(api, 'messages.send', {
      sessionId: support,
      to: '4915199999999',
      text: 'Not on WhatsApp',
    });
    for (const text of ['Yes please', 'When?'])
      expect(
        (
          await api.post('/api/sandbox/inbound', { data: { from: customer, to: '4915112340071', text } })
        ).ok(),
      ).toBe(true);
    await trpcMutation(api, 'webhooks.create', {
      sessionId: sales,
      url: 'http://127.0.0.1:9/crm',
      description: 'CRM sync',
    });
    expect((await api.post(`/api/sandbox/sessions/${berlin}/unlink`)).ok()).toBe(true);
    await expect
      .poll(
        async () =>
          (await trpcQuery<{ totals: { read: number; failed: number } }>(api, 'stats.messages')).totals,
        SLOW,
      )
      .toMatchObject({ read: 4, failed: 1 });
    await expect.poll(async () => (await trpcQuery<unknown[]>(api, 'stats.webhooks')).length, SLOW).toBe(1);

    await page.goto('/');
    const sessions = await trpcQuery<Array<{ status: string }>>(api, 'sessions.list');
    await expect(tile(page, 'total')).toHaveText(String(sessions.length));
    await expect(tile(page, 'connected')).toHaveText(
      String(sessions.filter((s) => s.status === 'connected').length),
    );
    await expect(tile(page, 'logged_out')).toHaveText('1');
    await expect(tile(page, 'failed')).toHaveText('0');
    await expect(page.getByTestId('messages-chart')).toBeVisible();
    expect(chartLibraryLoaded(), 'the chart library is fetched for the chart').toBe(true);
    await expect(page.getByTestId('total-sent').locator('dd')).toHaveText('4');
    await expect(page.getByTestId('total-read').locator('dd')).toHaveText('4');
    await expect(page.getByTestId('total-failed').locator('dd')).toHaveText('1');
    await expect(page.getByTestId('total-received').locator('dd')).toHaveText('2');
    await expect(page.getByTestId('delivery-rate')).toHaveText('100%');
    const failing = page.getByTestId('failing-webhook');
    await expect(failing).toContainText('http://127.0.0.1:9/crm');
    await expect(failing).toContainText('Sales desk · CRM sync');
    await expect(failing.getByRole('link', { name: 'Open' })).toHaveAttribute('href', `/sessions/${sales}`);
    const item = page.getByTestId('attention-item');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-session-id', berlin);
    await expect(item).toContainText('Needs a new link');
    await shoot(page, '16-overview', { dark: true });

    // One account only: the figures follow the selector, which offers the user's accounts.
    const picker = page.getByRole('combobox', { name: 'Account' });
    await expect(picker.locator('option')).toHaveText([
      'All accounts',
      'Sales desk',
      'Support desk',
      'Berlin office',
    ]);
    await picker.selectOption(support);
    await expect(page).toHaveURL(`/?session=${support}`);
    await expect(page.getByTestId('total-sent').locator('dd')).toHaveText('1');
    await expect(page.getByTestId('total-failed').locator('dd')).toHaveText('1');
    await expect(tile(page, 'total')).toHaveText('1');
    await picker.selectOption('');
    await expect(tile(page, 'total')).toHaveText('3');

    // Campaigns under way: one running (its next message minutes away), one paused by the operator.
    await expect(page.getByTestId('campaign-under-way')).toHaveCount(0);
    const running = await startCampaign(api, 'Spring offer', sales);
    const paused = await startCampaign(api, 'Stock reminder', support);
    await trpcMutation(api, 'campaigns.pause', { id: paused });
    const underWay = page.getByRole('region', { name: 'Campaigns under way' });
    const row = (id: string) => underWay.locator(`[data-campaign-id="${id}"]`);
    await expect(row(running).getByTestId('campaign-status')).toHaveText('Running', SLOW);
    await expect(row(running).getByRole('progressbar', { name: 'Progress' })).toHaveAttribute(
      'aria-valuemax',
      '3',
    );
    await expect(row(running).getByTestId('campaign-counts')).toContainText('Waiting');
    await expect(row(paused).getByTestId('campaign-status')).toHaveText('Paused');
    await expect(row(paused).getByTestId('campaign-pause')).toContainText('Paused by you');
    await shoot(page, '17-overview-campaigns', { dark: true });
    await picker.selectOption(sales);
    await expect(underWay.getByTestId('campaign-under-way')).toHaveCount(1);
    await row(running).getByRole('link', { name: 'Spring offer' }).click();
    await expect(page).toHaveURL(`/campaigns/${running}`);
    await expect(page.getByRole('heading', { name: 'Spring offer' })).toBeVisible();
    await page.goto('/');

    // "Link again" starts the account and opens its QR code; scanning it clears the item, live. A code that
    // rotated away while a busy machine was reading it is read again, as a phone would.
    await item.getByRole('button', { name: 'Link again' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link Berlin office' });
    await expect(dialog).toBeVisible();
    await expect
      .poll(async () => {
        const qr = await decodeQr(dialog.getByRole('img', { name: 'QR code' })).catch(() => null);
        return (
          qr !== null && (await api.post('/api/sandbox/scan', { data: { qr, phone: '4915112340073' } })).ok()
        );
      }, SLOW)
      .toBe(true);
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('attention-item')).toHaveCount(0);
    await expect(page.getByText('Every account is running as it should.')).toBeVisible();
    await expect(tile(page, 'connected')).toHaveText('3');
    await expect(tile(page, 'logged_out')).toHaveText('0');

    // Failing webhooks follow the deliveries live: an endpoint that starts failing while the page is open
    // shows up without a reload (the card is not polled, so only the live stream can bring it).
    const helpdesk = await trpcMutation<{ id: string }>(api, 'webhooks.create', {
      sessionId: support,
      url: 'http://127.0.0.1:9/helpdesk',
      description: 'Helpdesk',
    });
    await api.post('/api/sandbox/inbound', { data: { from: customer, to: '4915112340072', text: 'Hello?' } });
    await expect(failing).toHaveCount(2, { timeout: 20_000 });
    await expect(failing.filter({ hasText: 'http://127.0.0.1:9/helpdesk' })).toContainText(
      'Support desk · Helpdesk',
    );
    // It follows the endpoints too: one removed elsewhere (another tab, the API) leaves the card at once.
    await trpcMutation(api, 'webhooks.delete', { id: helpdesk.id });
    await expect(failing).toHaveCount(1);
    await expect(failing.filter({ hasText: 'http://127.0.0.1:9/helpdesk' })).toHaveCount(0);

    // On a phone the navigation folds behind a button: every entry fits, none is cut or scrolled away.
    await page.setViewportSize({ width: 390, height: 844 });
    const phoneNav = page.getByRole('navigation', { name: 'Main' }).last();
    await expect(phoneNav).toBeHidden();
    await page.getByRole('button', { name: 'Open the menu' }).click();
    for (const entry of ['Overview', 'Sessions', 'Inbox', 'Messages', 'Campaigns', 'API keys', 'Users'])
      await expect(phoneNav.getByRole('link', { name: entry })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `${SCREENS_DIR}/18-phone-menu-390.png` });
    await phoneNav.getByRole('link', { name: 'Campaigns' }).click();
    await expect(page).toHaveURL('/campaigns');
    await expect(phoneNav).toBeHidden();
    await page.setViewportSize({ width: 1280, height: 860 });

    // The sessions list moved to /sessions and opens without the chart library.
    const sessionsPage = await context.newPage();
    const sessionAssets: string[] = [];
    sessionsPage.on('request', (r) => sessionAssets.push(r.url()));
    await sessionsPage.goto('/sessions');
    await expect(sessionsPage.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
    await expect(sessionsPage.getByTestId('session-card')).toHaveCount(3);
    expect(sessionAssets.some((url) => url.includes('/assets/charts-'))).toBe(false);
  } finally {
    await context.close();
    await gateway.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
