import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, linkSandboxDesk, shoot, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * An inbox with no conversation at all says so and shows how conversations come in, apart from one whose
 * filters hide the conversations it has. The server holds another user's conversation all along: what
 * counts is what this operator may see.
 */
test.describe.configure({ mode: 'serial' });

const adminDesk = { name: 'Front desk', id: 'empty-inbox-admin', phone: '4915112340081' };
const OMAR = { name: 'Omar Diaz', email: 'omar.diaz@example.com', password: 'omar-password-1' };
const omarDesk = { name: 'Omar Diaz desk', id: 'omar-diaz-desk', phone: '4915112340082' };
const LAYLA = { name: 'Layla Haddad', email: 'layla.haddad@example.com', password: 'layla-password-1' };
const laylaDesk = { name: 'مكتب جدة', id: 'layla-haddad-desk', phone: '4915112340083' };

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  const admin = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await signInAsAdmin(admin);
  await linkSandboxDesk(admin, adminDesk);
  const sent = await admin.post('/api/sandbox/inbound', {
    data: { from: '14155550861', to: adminDesk.phone, text: 'A conversation only the admin sees' },
  });
  expect(sent.ok(), await sent.text()).toBe(true);
  for (const user of [OMAR, LAYLA]) await trpcMutation(admin, 'users.create', { ...user, role: 'operator' });
  await admin.dispose();

  context = await desktopContext(browser, testInfo);
  await trpcMutation(context.request, 'auth.login', { email: OMAR.email, password: OMAR.password });
  await linkSandboxDesk(context.request, omarDesk);
  page = await context.newPage();
});

test.afterAll(async ({ playwright }, testInfo) => {
  await context?.close();
  // The accounts go again, so the specs after this one find the shared gateway's session list as before.
  const admin = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await signInAsAdmin(admin);
  for (const desk of [adminDesk, omarDesk, laylaDesk])
    await trpcMutation(admin, 'sessions.delete', { id: desk.id });
  await admin.dispose();
});

test('an empty inbox says how conversations come in, and leads there', async () => {
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Start your first conversation' })).toBeVisible();
  await expect(page.getByText('No conversations yet')).toBeVisible();
  await expect(page.getByText('No conversation matches')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Send a message' })).toHaveAttribute(
    'href',
    `/messages?session=${omarDesk.id}`,
  );
  const virtualPhone = page.getByRole('link', { name: 'Write from a virtual phone' });
  await expect(virtualPhone).toHaveAttribute('href', `/sessions/${omarDesk.id}`);
  await shoot(page, 'inbox-empty-01', { dark: true });

  // On a phone the list takes the screen, so the ways in are under it.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('link', { name: 'Send a message' })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 860 });

  // No filter turns "none yet" into "no match".
  await page.getByRole('button', { name: 'Resolved', exact: true }).click();
  await expect(page.getByText('No conversations yet')).toBeVisible();
  await page.getByRole('button', { name: 'Open', exact: true }).click();

  await virtualPhone.click();
  await expect(page).toHaveURL(`/sessions/${omarDesk.id}`);
});

test('the first message replaces the empty state live; filters that hide it say "no match"', async () => {
  await page.goto('/inbox');
  await expect(page.getByRole('heading', { name: 'Start your first conversation' })).toBeVisible();
  const sent = await context.request.post('/api/sandbox/inbound', {
    data: { from: '14155550862', to: omarDesk.phone, text: 'Is the shop open today?' },
  });
  expect(sent.ok(), await sent.text()).toBe(true);

  await expect(page.getByTestId('conversation')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'Choose a conversation' })).toBeVisible();
  await expect(page.getByText('No conversations yet')).toHaveCount(0);

  await page.getByRole('button', { name: 'Resolved', exact: true }).click();
  await expect(page.getByText('No conversation matches')).toBeVisible();
  await expect(page.getByText('Choose All or Anyone’s to see more')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Start your first conversation' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('conversation')).toHaveCount(1);
});

test('in Arabic: the empty inbox reads right to left', async ({ browser }, testInfo) => {
  const arabic = await desktopContext(browser, testInfo, { locale: 'ar' });
  try {
    await trpcMutation(arabic.request, 'auth.login', { email: LAYLA.email, password: LAYLA.password });
    await linkSandboxDesk(arabic.request, laylaDesk);
    const phone = await arabic.newPage();
    await phone.goto('/inbox');
    await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(phone.getByRole('heading', { name: 'ابدأ أول محادثة' })).toBeVisible();
    await expect(phone.getByText('لا توجد محادثات بعد')).toBeVisible();
    await expect(phone.getByRole('link', { name: 'أرسل رسالة' })).toHaveAttribute(
      'href',
      `/messages?session=${laylaDesk.id}`,
    );
    await shoot(phone, 'inbox-empty-02-ar', { dark: true });
  } finally {
    await arabic.close();
  }
});
