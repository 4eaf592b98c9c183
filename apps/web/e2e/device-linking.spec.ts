import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, shoot, signInAsAdmin } from './support.ts';

/**
 * Linking sandbox sessions from the Sessions screen other than by scanning at once: with a pairing code, and a
 * QR code nobody scans until it expires. Self-contained: it signs in as the admin (creating the account when
 * this file runs alone).
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  await signInAsAdmin(context.request);
  page = await context.newPage();
  await page.goto('/sessions');
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
});

test.afterAll(async () => {
  await context?.close();
});

const card = (id: string) => page.locator(`[data-testid="session-card"][data-session-id="${id}"]`);
const badgeOf = (id: string) => card(id).getByTestId('status-badge');

test('links a session with a pairing code instead of the QR code', async () => {
  const phone = '4915112340003';
  await page.getByRole('button', { name: 'Add session', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add a session' });
  await add.getByLabel('Name').fill('Pairing desk');
  await add.getByRole('radio', { name: /Sandbox/ }).check();
  await add.getByRole('button', { name: 'Add and start', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Link Pairing desk' });
  await expect(dialog.getByRole('img', { name: 'QR code' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Link with phone number instead', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'Phone number of the WhatsApp account' }).fill(`+${phone}`);
  await dialog.getByRole('button', { name: 'Get pairing code', exact: true }).click();
  const code = dialog.getByTestId('pairing-code');
  await expect(code).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await shoot(page, '10-pairing-code', { fullPage: false });

  const response = await page.request.post('/api/sandbox/pair', {
    data: { code: await code.textContent(), phone },
  });
  expect(response.ok(), await response.text()).toBe(true);
  await expect(dialog).toBeHidden();
  await expect(badgeOf('pairing-desk')).toHaveAttribute('data-status', 'connected');
});

test('a QR code nobody scans expires, and "Try again" brings a new one', async () => {
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Add session', exact: true }).click();
  const add = page.getByRole('dialog', { name: 'Add a session' });
  await add.getByLabel('Name').fill('Expiry test');
  await add.getByRole('radio', { name: /Sandbox/ }).check();
  await add.getByRole('button', { name: 'Add and start', exact: true }).click();
  const qrDialog = page.getByRole('dialog', { name: 'Link Expiry test' });
  await expect(qrDialog.getByRole('img', { name: 'QR code' })).toBeVisible();
  const lastCode = qrDialog.getByText('Last code: scan it before it expires, or linking stops.');
  await expect(qrDialog).toContainText(/New code in 0:0\d/);
  await expect(lastCode).toHaveCount(0);
  // Eight codes of four seconds each (see start-server.mjs): the eighth is announced as the last one, and
  // counts down to when linking stops instead of to a next code.
  await expect(lastCode).toBeVisible({ timeout: 40_000 });
  await expect(qrDialog).toContainText(/Expires in 0:0\d/);
  await expect(qrDialog).not.toContainText('New code in');
  await shoot(page, '11-qr-last-code', { dark: true, fullPage: false, narrowest: true });
  await expect(qrDialog.getByText('The QR code expired')).toBeVisible({ timeout: 20_000 });
  await expect(lastCode).toHaveCount(0);
  await shoot(page, '11-qr-expired', { fullPage: false });
  await qrDialog.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(qrDialog.getByRole('img', { name: 'QR code' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(qrDialog).toBeHidden();

  await card('expiry-test').getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Expiry test?' });
  await expect(confirm).toContainText('This cannot be undone.');
  await confirm.getByRole('button', { name: 'Delete session', exact: true }).click();
  await expect(card('expiry-test')).toHaveCount(0);
});
