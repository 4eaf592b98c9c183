import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { shoot, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * Sessions at scale in the dashboard: renaming, handing a session to another user (who sees it at once, while
 * its old owner no longer does), and stopping several sessions at once from the table.
 */
test.describe.configure({ mode: 'serial' });

const olga = { name: 'Olga Owner', email: 'olga@example.com', password: 'operator-olga-1' };
const theo = { name: 'Theo Taker', email: 'theo@example.com', password: 'operator-theo-1' };

let admin: BrowserContext;
let adminPage: Page;

async function signedIn(browser: Browser, baseURL: string | undefined, user: typeof olga) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 } });
  await trpcMutation(context.request, 'auth.login', { email: user.email, password: user.password });
  return context;
}

test.beforeAll(async ({ browser }, testInfo) => {
  admin = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 1280, height: 860 },
  });
  await signInAsAdmin(admin.request);
  for (const user of [olga, theo])
    await trpcMutation(admin.request, 'users.create', { ...user, role: 'operator' });
  adminPage = await admin.newPage();
});

test.afterAll(async () => {
  await admin?.close();
});

test('an operator renames a session; an admin hands it to another operator, who sees it at once', async ({
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const olgas = await signedIn(browser, baseURL, olga);
  const theos = await signedIn(browser, baseURL, theo);
  await trpcMutation(olgas.request, 'sessions.create', { name: 'Olga desk', id: 'olga-desk', start: false });
  const olgaPage = await olgas.newPage();
  const theoPage = await theos.newPage();

  await olgaPage.goto('/sessions/olga-desk');
  const settings = olgaPage.getByRole('region', { name: 'Settings' });
  await settings.getByLabel('Name').fill('Olga front desk');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(olgaPage.getByRole('heading', { name: 'Olga front desk', level: 1 })).toBeVisible();
  await expect(olgaPage).toHaveTitle('Olga front desk · Switchboard');
  // Operators are not shown owners: they only ever see their own.
  await expect(settings.getByTestId('session-owner')).toHaveCount(0);

  await olgaPage.goto('/sessions');
  await expect(olgaPage.getByRole('link', { name: 'Olga front desk' })).toBeVisible();
  await theoPage.goto('/sessions');
  await expect(theoPage.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();

  await adminPage.goto('/sessions/olga-desk');
  const adminSettings = adminPage.getByRole('region', { name: 'Settings' });
  await expect(adminSettings.getByTestId('session-owner')).toHaveText(olga.name);
  await adminSettings.getByRole('button', { name: 'Hand over…' }).click();
  const dialog = adminPage.getByRole('dialog', { name: 'Hand Olga front desk to another user' });
  // The dialog starts at its one field, not at its close button.
  await expect(dialog.getByLabel('New owner')).toBeFocused();
  await dialog.getByLabel('New owner').selectOption({ label: `${theo.name} (${theo.email})` });
  await dialog.getByRole('button', { name: 'Hand over' }).click();
  await expect(dialog).toBeHidden();
  await expect(adminSettings.getByTestId('session-owner')).toHaveText(theo.name);

  // Both operators' open pages follow without a reload.
  await expect(theoPage.getByRole('link', { name: 'Olga front desk' })).toBeVisible();
  await expect(olgaPage.getByRole('link', { name: 'Olga front desk' })).toHaveCount(0);
  await olgaPage.reload();
  await expect(olgaPage.getByRole('heading', { name: 'No sessions yet' })).toBeVisible();
  await olgas.close();
  await theos.close();
});

test('stops three selected sessions at once from the table, which the device remembers', async () => {
  for (const n of [1, 2, 3])
    await trpcMutation(admin.request, 'sessions.create', { name: `Bulk ${n}`, id: `bulk-${n}` });
  await adminPage.goto('/sessions');
  await adminPage.getByRole('button', { name: 'Table' }).click();
  await adminPage.getByRole('searchbox', { name: 'Search sessions' }).fill('bulk-');
  const rows = adminPage.getByTestId('session-row');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).not.toContainText('Stopped');
  await adminPage.getByRole('checkbox', { name: 'Select all 3 sessions shown' }).check();
  const bar = adminPage.getByRole('region', { name: 'Selected sessions' });
  await expect(bar).toContainText('3 sessions selected');
  await shoot(adminPage, 'sessions-table-selection', { dark: true, narrowest: true, fullPage: false });
  await bar.getByRole('button', { name: 'Stop' }).click();
  await expect(adminPage.getByText('Stopped 3 sessions.')).toBeVisible();
  for (const row of await rows.all()) await expect(row).toContainText('Stopped');
  await expect(bar).toBeHidden();

  await adminPage.reload();
  await expect(adminPage.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
});
