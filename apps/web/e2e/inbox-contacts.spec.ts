import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, linkSandboxDesk, shoot, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * The contacts screen beside the inbox: rename and tag a contact and open their chat; an account's groups;
 * a pasted list of numbers checked on WhatsApp — in English at desktop width and in Arabic on a small phone.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Contacts desk', id: 'contacts-desk', phone: '4915112340033' };
const maria = { phone: '14155550191', text: 'Do you deliver on Sundays?' };
const other = { phone: '14155550192', text: 'Thanks for the quick answer' };
/** The e2e gateway's sandbox says this number is not on WhatsApp (SANDBOX_NOT_ON_WHATSAPP). */
const notOnWhatsApp = '+49 151 99999999';
const pasted = `+49 151 2345 6789\n${notOnWhatsApp}, call me later`;

const NADIA = { name: 'Nadia Saleh', email: 'nadia.saleh@example.com', password: 'nadia-password-1' };
const nadiaDesk = { name: 'مكتب الرياض', id: 'nadia-desk', phone: '4915112340034' };

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  await signInAsAdmin(context.request);
  await linkSandboxDesk(context.request, desk);
  for (const from of [maria, other]) {
    const sent = await context.request.post('/api/sandbox/inbound', {
      data: { from: from.phone, to: desk.phone, text: from.text },
    });
    expect(sent.ok(), await sent.text()).toBe(true);
  }
});

test.afterAll(async () => {
  await context?.close();
});

/** How far the page scrolls sideways: 0 when everything fits the width. */
const sideScroll = (p: Page) =>
  p.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
const noSideScroll = (p: Page) => expect.poll(() => sideScroll(p)).toBeLessThanOrEqual(0);

test('renames and tags a contact, and opens their chat in the inbox', async () => {
  await page.goto(`/inbox?session=${desk.id}`);
  await page.getByRole('link', { name: 'Contacts', exact: true }).last().click();
  await expect(page.getByRole('heading', { name: 'Contacts', exact: true })).toBeVisible();
  await expect(page).toHaveURL(`/inbox/contacts?session=${desk.id}`);
  // The inbox stays the highlighted entry of the main navigation.
  await expect(
    page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Inbox' }),
  ).toHaveAttribute('aria-current', 'page');

  const contacts = page.getByTestId('contact');
  await expect(contacts).toHaveCount(2);
  await page.getByLabel('Search contacts').fill('555 0191');
  await expect(contacts).toHaveCount(1);
  const row = contacts.first();
  await row.getByRole('button', { name: /^Rename/ }).click();
  await row.getByLabel(/^Name for/).fill('Maria Costa');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(row.getByTestId('contact-name')).toHaveText('Maria Costa');
  await row.getByLabel('Add a tag').fill('VIP');
  await row.getByLabel('Add a tag').press('Enter');
  await expect(row.getByRole('list', { name: 'Tags' })).toHaveText('vip');

  // Searching by the new name finds her; the tag was stored (it is there after a reload).
  await page.reload();
  await page.getByLabel('Search contacts').fill('maria');
  await expect(contacts).toHaveCount(1);
  await expect(contacts.first().getByRole('list', { name: 'Tags' })).toHaveText('vip');
  await page.getByLabel('Search contacts').fill('');
  await expect(contacts).toHaveCount(2);
  await shoot(page, 'contacts-01-list', { dark: true, narrowest: true });

  await contacts
    .filter({ hasText: 'Maria Costa' })
    .getByRole('link', { name: /Open the chat with/ })
    .click();
  await expect(page).toHaveURL(/\/inbox\?session=contacts-desk&conversation=/);
  await expect(
    page.getByTestId('thread').getByTestId('bubble').filter({ hasText: maria.text }),
  ).toBeVisible();
  await expect(page.getByTestId('thread')).toContainText('Maria Costa');
});

test("shows an account's groups, or says clearly that it is in none", async () => {
  await page.goto('/inbox/contacts');
  await page.getByRole('tab', { name: 'Groups' }).click();
  await expect(page.getByRole('heading', { name: 'Choose an account' })).toBeVisible();
  await page.getByLabel('Account', { exact: true }).selectOption(desk.id);
  await expect(page).toHaveURL(`/inbox/contacts?session=${desk.id}`);
  // The sandbox's accounts are in no group.
  await expect(page.getByRole('heading', { name: 'No groups' })).toBeVisible();
  await expect(page.getByText('Contacts desk is not in any WhatsApp group right now.')).toBeVisible();
  await shoot(page, 'contacts-02-groups', { dark: true });
});

test('checks a pasted list: on WhatsApp, not on WhatsApp, and a line that is no number', async () => {
  await page.goto(`/inbox/contacts?session=${desk.id}`);
  await page.getByRole('tab', { name: 'Check numbers' }).click();
  const list = page.getByLabel('Numbers to check');
  await list.fill(Array.from({ length: 101 }, (_, i) => `+4915112${String(i).padStart(5, '0')}`).join('\n'));
  await page.getByRole('button', { name: 'Check numbers' }).click();
  await expect(page.getByText('Check at most 100 numbers at a time; the list has 101.')).toBeVisible();

  await list.fill(pasted);
  await expect(page.getByText('3 numbers', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Check numbers' }).click();
  const lines = page.getByTestId('number-check');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toHaveAttribute('data-verdict', 'on');
  await expect(lines.nth(0)).toContainText('+49 1512 3456789');
  await expect(lines.nth(1)).toHaveAttribute('data-verdict', 'off');
  await expect(lines.nth(1)).toContainText('Not on WhatsApp');
  await expect(lines.nth(2)).toHaveAttribute('data-verdict', 'invalid');
  await expect(lines.nth(2)).toContainText('"call me later" is not a phone number');
  await expect(page.getByText('1 not on WhatsApp')).toBeVisible();
  await shoot(page, 'contacts-03-check', { dark: true, narrowest: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await noSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('in Arabic on a 360 px phone: read right to left, numbers left to right, nothing scrolls sideways', async ({
  browser,
  playwright,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const admin = await playwright.request.newContext({ baseURL });
  await signInAsAdmin(admin);
  await trpcMutation(admin, 'users.create', { ...NADIA, role: 'operator' });
  await admin.dispose();

  const arabic = await browser.newContext({ baseURL, locale: 'ar', viewport: { width: 360, height: 740 } });
  try {
    await trpcMutation(arabic.request, 'auth.login', { email: NADIA.email, password: NADIA.password });
    await linkSandboxDesk(arabic.request, nadiaDesk);
    const sent = await arabic.request.post('/api/sandbox/inbound', {
      data: { from: '966501234567', to: nadiaDesk.phone, text: 'مرحبا' },
    });
    expect(sent.ok(), await sent.text()).toBe(true);
    const phone = await arabic.newPage();
    await phone.goto(`/inbox/contacts?session=${nadiaDesk.id}`);
    await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(phone.getByRole('heading', { name: 'جهات الاتصال', exact: true })).toBeVisible();
    await expect(phone.getByTestId('contact')).toHaveCount(1);
    await expect(phone.getByTestId('contact').getByTestId('phone').first()).toHaveAttribute('dir', 'ltr');
    await noSideScroll(phone);
    await shoot(phone, 'contacts-04-ar-list', { phone: false, dark: true });

    await phone.getByRole('tab', { name: 'فحص الأرقام' }).click();
    await phone.getByLabel('الأرقام المراد فحصها').fill(pasted);
    await phone.getByRole('button', { name: 'فحص الأرقام' }).click();
    await expect(phone.getByTestId('number-check')).toHaveCount(3);
    await expect(phone.getByTestId('number-check').nth(1)).toContainText('ليس على واتساب');
    await noSideScroll(phone);
    await shoot(phone, 'contacts-05-ar-check', { phone: false, dark: true });

    await phone.getByRole('tab', { name: 'المجموعات' }).click();
    await expect(phone.getByRole('heading', { name: 'لا مجموعات' })).toBeVisible();
    await noSideScroll(phone);
    await shoot(phone, 'contacts-06-ar-groups', { phone: false });
  } finally {
    await arabic.close();
  }
});
