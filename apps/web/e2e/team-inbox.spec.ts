import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, linkSandboxDesk, shoot, signInAsAdmin, trpcQuery } from './support.ts';

/**
 * An inbox a team can work, sending that says what really happened, and toasts wherever the operator is —
 * against the shared gateway, with an account of this spec's own.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Team desk', id: 'team-desk', phone: '4915112340099' };
const parcel = { phone: '14155550181', text: 'Where is my parcel? The tracking page says nothing' };
const address = { phone: '14155550182', text: 'Can I change the delivery address?' };
const hello = { phone: '14155550183', text: 'Hi there' };
const notOnWhatsApp = '+49 151 99999999';

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  await signInAsAdmin(context.request);
  await linkSandboxDesk(context.request, desk);
});

test.afterAll(async () => {
  await context?.close();
});

const inbound = async (from: string, text: string) => {
  const response = await context.request.post('/api/sandbox/inbound', {
    data: { from, to: desk.phone, text },
  });
  expect(response.ok(), await response.text()).toBe(true);
};
const unread = async () =>
  (await trpcQuery<{ conversations: number }>(context.request, 'conversations.unreadCount')).conversations;
const navBadge = () => page.getByRole('navigation', { name: 'Main' }).first().getByTestId('nav-unread');
const row = (text: string) => page.getByTestId('conversation').filter({ hasText: text });

test('a new message while elsewhere: the nav badge, the tab title and a toast that opens it', async () => {
  // A first message shows up live in the inbox: from then on the page's live streams are surely open.
  await page.goto(`/inbox?session=${desk.id}`);
  await inbound(hello.phone, hello.text);
  await expect(row(hello.text)).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Sessions' })
    .click();
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
  const before = await unread();

  await inbound(parcel.phone, parcel.text);
  await expect(navBadge()).toContainText(String(before + 1));
  await expect(page).toHaveTitle(`(${before + 1}) Sessions · Switchboard`);
  const toast = page.getByRole('status').filter({ hasText: 'New message from' });
  await expect(toast).toContainText(parcel.text);
  // No screenshots here: on a busy machine they take longer than the toast stays.
  await toast.getByRole('button', { name: 'Open' }).click();
  const thread = page.getByTestId('thread');
  await expect(thread.getByTestId('bubble').filter({ hasText: parcel.text })).toBeVisible();
  // Opened, so read: the count goes down again.
  await expect.poll(unread).toBe(before);
  await expect(page).toHaveTitle(before > 0 ? `(${before}) Inbox · Switchboard` : 'Inbox · Switchboard');
});

test('Open / Resolved / All, search by message text, and the open thread stays when it leaves the list', async () => {
  await inbound(address.phone, address.text);
  await expect(row(address.text)).toBeVisible();
  await page.getByLabel('Account', { exact: true }).selectOption(desk.id);

  // Words from a message find its conversation, and the matching message shows with the words marked.
  const search = page.getByLabel('Search names, numbers and messages');
  await search.fill('tracking PARC');
  const found = page.getByTestId('conversation');
  await expect(found).toHaveCount(1);
  await expect(found.getByTestId('search-match')).toContainText('parcel? The tracking page');
  await expect(found.locator('mark')).toHaveText(['parcel', 'tracking']);
  await shoot(page, 'team-inbox-02-search', { dark: true });
  await search.fill('');

  await row(parcel.text).click();
  const thread = page.getByTestId('thread');
  await thread.getByRole('button', { name: 'Resolve' }).click();
  // Under "Open" the resolved conversation leaves the list, but its thread stays open.
  await expect(row(parcel.text)).toHaveCount(0);
  await expect(thread.getByTestId('conversation-status')).toHaveText('Resolved');
  await expect(thread.getByTestId('bubble').filter({ hasText: parcel.text })).toBeVisible();

  const filters = page.getByRole('group', { name: 'Show' });
  await filters.getByRole('button', { name: 'Resolved' }).click();
  await expect(row(parcel.text)).toBeVisible();
  await expect(row(address.text)).toHaveCount(0);
  await filters.getByRole('button', { name: 'All' }).click();
  await expect(row(parcel.text)).toBeVisible();
  await expect(row(address.text)).toBeVisible();
  // The choice is remembered on this device.
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('a conversation assigned to me shows under "Assigned to me" and not under "Unassigned"', async () => {
  await row(address.text).click();
  const thread = page.getByTestId('thread');
  await thread.getByLabel('Assigned to').selectOption({ label: 'Ada Admin (you)' });
  await expect(row(address.text).getByTestId('row-assignee')).toHaveText('Assigned to Ada Admin');

  const whose = page.getByLabel('Whose conversations');
  await whose.selectOption('me');
  await expect(row(address.text)).toBeVisible();
  await expect(row(parcel.text)).toHaveCount(0);
  await whose.selectOption('none');
  await expect(row(parcel.text)).toBeVisible();
  await expect(row(address.text)).toHaveCount(0);
  // Still open beside the list, assigned.
  await expect(thread.getByLabel('Assigned to')).toHaveValue(/.+/);
  await shoot(page, 'team-inbox-03-assigned', { dark: true, narrowest: true });

  await whose.selectOption('anyone');
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Open' }).click();
});

test('on a phone the reply box of an open thread is on screen', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`/inbox?session=${desk.id}`);
  await row(address.text).click();
  const reply = page.getByTestId('thread').getByLabel('Reply');
  await expect(reply).toBeInViewport();
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 860 });
});

test('a number not on WhatsApp is flagged before sending; the failure is a red toast and the text stays', async () => {
  await page.goto('/messages');
  await page.getByRole('combobox', { name: 'Send from' }).selectOption(desk.id);
  const to = page.getByRole('textbox', { name: 'To' });
  const message = page.getByRole('textbox', { name: 'Message' });

  await to.fill(notOnWhatsApp);
  const check = page.getByTestId('number-check');
  await expect(check).toHaveAttribute('data-check', 'off');
  await expect(check).toHaveText('Not on WhatsApp: a message to this number will fail.');
  const doomed = `Are you there? ${Date.now()}`;
  await message.fill(doomed);
  await page.getByRole('button', { name: 'Send message', exact: true }).click();
  const failure = page.getByRole('alert').filter({ hasText: 'Not sent to' });
  await expect(failure).toBeVisible();
  await expect(failure).toHaveAttribute('data-tone', 'error');
  await expect(message).toHaveValue(doomed);
  await expect(page.getByRole('status').filter({ hasText: /queued/i })).toHaveCount(0);
  await shoot(page, 'team-inbox-04-send-failed', { dark: true, narrowest: true });

  await to.fill(`+${parcel.phone}`);
  await expect(check).toHaveAttribute('data-check', 'on');
  await expect(check).toHaveText('On WhatsApp');
  await page.getByRole('button', { name: 'Send message', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sent to' })).toBeVisible();
  await expect(message).toHaveValue('');
});

test('in Arabic the inbox filters, assignment and number check read right to left', async () => {
  const chooseLanguage = async (name: string, lang: string) => {
    await page.locator('header [aria-haspopup="menu"]').click();
    await page.getByRole('menuitemradio', { name }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
  };
  await page.goto(`/inbox?session=${desk.id}`);
  await chooseLanguage('العربية', 'ar');
  await expect(
    page.getByRole('group', { name: 'عرض' }).getByRole('button', { name: 'مفتوحة' }),
  ).toBeVisible();
  await page.getByTestId('conversation').filter({ hasText: address.text }).click();
  await expect(page.getByTestId('thread').getByLabel('مُسندة إلى')).toBeVisible();
  await shoot(page, 'team-inbox-05-arabic', { dark: true, narrowest: true });
  await page.goto('/messages');
  await page.getByRole('textbox', { name: 'إلى' }).fill(notOnWhatsApp);
  await expect(page.getByTestId('number-check')).toHaveText('ليس على واتساب: الرسالة إلى هذا الرقم ستفشل.');
  await shoot(page, 'team-inbox-06-arabic-compose', { phone: false });
  await chooseLanguage('English', 'en');
});

test('a phone unlinking the device raises a red toast on whatever screen is open', async () => {
  // Another screen of the page already open (its live stream has long been told the desk is connected).
  await page
    .getByRole('navigation', { name: 'Main' })
    .first()
    .getByRole('link', { name: 'Campaigns' })
    .click();
  await expect(page.getByRole('heading', { name: 'Campaigns', exact: true })).toBeVisible();
  const response = await context.request.post(`/api/sandbox/sessions/${desk.id}/unlink`);
  expect(response.ok(), await response.text()).toBe(true);
  const alert = page.getByRole('alert').filter({ hasText: `${desk.name} is logged out of WhatsApp` });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Open' }).click();
  await expect(page).toHaveURL(new RegExp(`/sessions/${desk.id}$`));
});
