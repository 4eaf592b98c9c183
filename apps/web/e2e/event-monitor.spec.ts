import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, shoot, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * The admins' event monitor and the session timeline against the shared gateway. Self-contained: it signs in
 * as the admin (creating the account when this file runs alone) and has an operator of its own.
 */
test.describe.configure({ mode: 'serial' });

const OPERATOR = { name: 'Omar Operator', email: 'omar@example.com', password: 'omar-password-1' };
const mine = { name: 'Monitor desk', id: 'monitor-desk' };
const theirs = { name: 'Omar desk', id: 'omar-desk' };

let context: BrowserContext;
let page: Page;
let operator: APIRequestContext;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  await signInAsAdmin(context.request);
  await trpcMutation(context.request, 'users.create', { ...OPERATOR, role: 'operator' });
  await trpcMutation(context.request, 'sessions.create', { ...mine, engine: 'sandbox', start: false });
  operator = await playwright.request.newContext({ baseURL });
  await trpcMutation(operator, 'auth.login', { email: OPERATOR.email, password: OPERATOR.password });
  await trpcMutation(operator, 'sessions.create', { ...theirs, engine: 'sandbox', start: false });
});

test.afterAll(async () => {
  await operator?.dispose();
  await context?.close();
});

const entries = () => page.getByTestId('monitor-entry');

test('the monitor shows another user’s account’s events live, filtered by account and type', async () => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('heading', { name: 'Event monitor', level: 1 })).toBeVisible();
  await expect(page.getByTestId('monitor-state')).toContainText('Live');

  // The operator starts their account: its QR code shows up here without a reload.
  await trpcMutation(operator, 'sessions.start', { id: theirs.id });
  const theirsQr = entries().filter({ hasText: 'New QR code' }).filter({ hasText: theirs.name });
  await expect(theirsQr.first()).toBeVisible();
  await trpcMutation(context.request, 'sessions.start', { id: mine.id });
  await expect(
    entries().filter({ hasText: 'New QR code' }).filter({ hasText: mine.name }).first(),
  ).toBeVisible();
  await shoot(page, 'monitor-01-live', { dark: true, narrowest: true });

  // One account, then one type.
  await page.getByLabel('Account', { exact: true }).selectOption(theirs.id);
  await expect(entries().first()).toBeVisible();
  await expect(entries().filter({ hasText: mine.name })).toHaveCount(0);
  await page.getByLabel('Event', { exact: true }).selectOption('qr');
  await expect(entries().first()).toBeVisible();
  for (const type of await entries()
    .locator('[data-testid="history-entry"]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-type'))))
    expect(type).toBe('qr');
});

test('pause holds new events back until resumed; clear empties the list while it stays live', async () => {
  await page.getByLabel('Event', { exact: true }).selectOption('');
  await expect(entries().first()).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('monitor-state')).toContainText('Paused');

  await trpcMutation(operator, 'sessions.stop', { id: theirs.id });
  await expect(page.getByTestId('monitor-state')).toContainText(/new events? waiting/);
  await expect(entries().filter({ hasText: 'Stopped' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(entries().filter({ hasText: 'Stopped' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(entries()).toHaveCount(0);
  await expect(page.getByText('Cleared. New events show up here as they happen.')).toBeVisible();
  await trpcMutation(operator, 'sessions.start', { id: theirs.id });
  await expect(entries().filter({ hasText: 'Starting' }).first()).toBeVisible();
  await trpcMutation(operator, 'sessions.stop', { id: theirs.id });
});

test('a session’s timeline follows it live on its page', async () => {
  await page.goto(`/sessions/${mine.id}`);
  const timeline = page.getByRole('list', { name: 'Timeline, newest first' });
  await expect(timeline).toContainText('New QR code');
  await trpcMutation(context.request, 'sessions.stop', { id: mine.id });
  await expect(timeline.getByTestId('history-entry').first()).toContainText('Stopped');
  await shoot(page, 'monitor-02-timeline', { dark: true, narrowest: true });
});

test('the monitor in Arabic reads right to left', async () => {
  await page.goto('/events');
  await page.locator('header [aria-haspopup="menu"]').click();
  await page.getByRole('menuitemradio', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'مراقب الأحداث', level: 1 })).toBeVisible();
  await expect(entries().first()).toBeVisible();
  await shoot(page, 'monitor-03-arabic', { narrowest: true });
  await page.goto(`/sessions/${mine.id}`);
  await expect(page.getByRole('list', { name: 'السجل الزمني، الأحدث أولًا' })).toBeVisible();
  await shoot(page, 'monitor-04-timeline-arabic', { phone: false });
  await page.locator('header [aria-haspopup="menu"]').click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
