import { type Browser, type BrowserContext, expect, type Locator, type Page, test } from '@playwright/test';
import { LOCALES } from '@switchboard/validators';
import {
  linkSandboxDesk,
  numberReadsLeftToRight,
  picture,
  shoot,
  signInAsAdmin,
  trpcMutation,
} from './support.ts';

/**
 * The dashboard in its languages, as an operator of her own (so her choices touch nobody else's screens):
 * chosen from the browser, switched in the user menu, remembered on the device and on the server; and in
 * Arabic, the whole layout read right to left while phone numbers keep reading left to right.
 */
test.describe.configure({ mode: 'serial' });

const LINA = { name: 'Lina Haddad', email: 'lina@example.com', password: 'lina-password-1' };
const desks = [
  { name: 'Riyadh desk', id: 'riyadh-desk', phone: '4915112349001' },
  { name: 'Jeddah desk', id: 'jeddah-desk', phone: '4915112349002' },
  { name: 'Dammam desk', id: 'dammam-desk', phone: '4915112349003' },
] as const;
/** A sentence only the Arabic catalogue holds: whoever downloaded it has this text. */
const ARABIC_ONLY = 'تعذّر الوصول إلى الخادم';
/** Each language's name in itself, as the user menu lists them. */
const NAMES: Record<(typeof LOCALES)[number], string> = {
  en: 'English',
  ar: 'العربية',
  'pt-BR': 'Português (Brasil)',
  es: 'Español',
  id: 'Bahasa Indonesia',
};

const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

test.beforeAll(async ({ playwright }, testInfo) => {
  const admin = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  await signInAsAdmin(admin);
  await trpcMutation(admin, 'users.create', { ...LINA, role: 'operator' });
  await admin.dispose();
});

async function open(browser: Browser, baseURL: string | undefined, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  return context.newPage();
}

/** The sign-in form, in whichever language it shows: found by the input types, not their labels. */
async function signIn(page: Page) {
  await page.locator('input[type="email"]').fill(LINA.email);
  await page.locator('input[type="password"]').fill(LINA.password);
  await page.locator('form button[type="submit"]').click();
}

async function chooseLanguage(page: Page, locale: (typeof LOCALES)[number]) {
  await page.locator('header [aria-haspopup="menu"]').click();
  await page.getByRole('menuitemradio', { name: NAMES[locale] }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
}

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error('Element has no box: is it visible?');
  return found;
};
/** The direction the browser lays the element's text out in (the specs are type-checked without the DOM). */
type Styles = { getComputedStyle(element: unknown): { direction: string } };
const direction = (locator: Locator) =>
  locator.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).direction);

test('an English browser gets English and never downloads the Arabic catalogue', async ({
  browser,
}, info) => {
  const page = await open(browser, info.project.use.baseURL, 'en-US');
  const scripts: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
  });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'Overview', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Inbox' }).first().click();
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'Campaigns' }).first().click();
  await expect(page.getByRole('heading', { name: 'Campaigns', exact: true })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((body) => body.includes(ARABIC_ONLY))).toEqual([]);

  // Choosing Arabic fetches its catalogue then, and only then; and it stays chosen across a reload.
  const arabic = page.waitForResponse(
    async (r) => r.url().endsWith('.js') && (await r.text()).includes(ARABIC_ONLY),
  );
  await chooseLanguage(page, 'ar');
  await arabic;
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { name: 'الحملات', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'الحملات', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('the chosen language follows the user to another browser', async ({ browser }, info) => {
  const page = await open(browser, info.project.use.baseURL, 'en-US');
  await page.goto('/');
  // Nobody is signed in yet: the browser's language decides.
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await signIn(page);
  // Signed in: the language Lina saved on the other browser.
  await expect(page.getByRole('heading', { name: 'نظرة عامة', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('in Arabic the layout mirrors, dialogs read right to left, numbers stay left to right', async ({
  browser,
}, info) => {
  const page = await open(browser, info.project.use.baseURL, 'ar');
  await page.goto('/');
  // The first visit in an Arabic browser is in Arabic before anyone signs in.
  await expect(page.getByRole('heading', { name: 'تسجيل الدخول', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await shoot(page, 'lang-ar-sign-in');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'نظرة عامة', exact: true })).toBeVisible();
  await page.goto('/sessions');
  await expect(page.getByText('لا توجد جلسات بعد')).toBeVisible();

  // The header starts on the right: the logo right of the account menu, the first nav item right of the next.
  const logo = await box(page.getByRole('link', { name: 'الصفحة الرئيسية لـ Switchboard' }));
  const menu = await box(page.getByRole('button', { name: 'قائمة الحساب' }));
  expect(logo.x).toBeGreaterThan(menu.x);
  const nav = page.getByRole('navigation', { name: 'القائمة الرئيسية' }).first();
  const first = await box(nav.getByRole('link', { name: 'نظرة عامة' }));
  const second = await box(nav.getByRole('link', { name: 'الجلسات' }));
  expect(first.x).toBeGreaterThan(second.x);

  // Counted the Arabic way as the accounts come in: none, one, two, a few (3–10), many (11–99), a hundred.
  const count = page.getByTestId('session-count');
  await expect(count).toHaveText('لا توجد جلسات');
  for (const [index, desk] of desks.entries()) {
    await linkSandboxDesk(page.request, desk);
    await expect(count).toHaveText(['جلسة واحدة', 'جلستان', '3 جلسات'][index]!);
  }
  // Stopped sessions are enough to count: 8 more make 11, 89 more make 100; they go again afterwards.
  const extras = Array.from({ length: 97 }, (_, i) => `count-${String(i + 1).padStart(3, '0')}`);
  for (const [index, id] of extras.entries()) {
    await trpcMutation(page.request, 'sessions.create', { name: `Count ${index + 1}`, id, start: false });
    if (index === 7) await expect(count).toHaveText('11 جلسةً');
  }
  await expect(count).toHaveText('100 جلسة');
  for (const id of extras) await trpcMutation(page.request, 'sessions.delete', { id });
  await expect(count).toHaveText('3 جلسات');

  // A phone number reads left to right inside the right-to-left card, "+49" first.
  const card = page.locator(`[data-testid="session-card"][data-session-id="${desks[0].id}"]`);
  const phone = card.getByTestId('phone');
  await expect(phone).toHaveText('+49 1511 2349001');
  expect(await direction(phone)).toBe('ltr');
  expect(await direction(card)).toBe('rtl');
  await expect(card.getByTestId('status-badge')).toHaveText('متصلة');
  await shoot(page, 'lang-ar-sessions', { dark: true });

  // A dialog reads right to left: its title on the right, its close button on the left, labels on the right.
  await page.getByRole('button', { name: 'إضافة جلسة', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'إضافة جلسة' });
  expect(await direction(dialog)).toBe('rtl');
  const title = await box(dialog.getByRole('heading', { name: 'إضافة جلسة' }));
  const close = await box(dialog.getByRole('button', { name: 'إغلاق' }));
  expect(close.x).toBeLessThan(title.x);
  const label = await box(dialog.getByText('الاسم', { exact: true }));
  const field = await box(dialog.getByLabel('الاسم', { exact: true }));
  expect(Math.abs(label.x + label.width - (field.x + field.width))).toBeLessThan(2);
  // The session id is typed left to right, like the API and the folder it names.
  expect(await direction(dialog.getByLabel('معرّف الجلسة'))).toBe('ltr');
  await shoot(page, 'lang-ar-add-session', { fullPage: false });
  await page.keyboard.press('Escape');

  await card.getByRole('link', { name: desks[0].name }).click();
  await expect(page.getByRole('heading', { name: desks[0].name })).toBeVisible();
  expect(await direction(page.getByRole('main').getByTestId('phone'))).toBe('ltr');
  await shoot(page, 'lang-ar-session');
});

test("a campaign's file steps in Arabic: the CSV file read in, a photo attached", async ({
  browser,
}, info) => {
  const page = await open(browser, info.project.use.baseURL, 'ar');
  await page.goto('/');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'نظرة عامة', exact: true })).toBeVisible();
  const draft = await trpcMutation<{ id: string }>(page.request, 'campaigns.create', {
    name: 'عرض الربيع',
    sessionId: desks[0].id,
  });

  await page.goto(`/campaigns/${draft.id}/edit?step=audience`);
  const csv = ['phone,name', '+966501234567,ليلى', '+966501234568,سامي', 'not-a-number,خالد'].join('\n');
  await page
    .getByTestId('csv-file')
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByText('customers.csv')).toBeVisible();
  await shoot(page, 'lang-ar-campaign-csv');
  await page.getByRole('button', { name: /^إضافة/ }).click();
  await expect(page.getByTestId('audience-total')).toHaveText('2');
  // The row that is no phone number is listed, and why, in Arabic; the example number reads "+966…".
  await expect(page.getByTestId('import-report')).toContainText('ليس رقم هاتف');
  const problem = (await page.getByTestId('import-report').locator('li').first().textContent()) ?? '';
  expect(problem).toContain('+966501234567');
  for (const isolates of [true, false])
    expect(await numberReadsLeftToRight(page, problem, isolates), `isolates: ${isolates}`).toBe(true);
  await shoot(page, 'lang-ar-campaign-audience');

  await page.goto(`/campaigns/${draft.id}/edit?step=message`);
  await page.getByRole('textbox').first().fill('مرحبًا {{name}}، عروض الربيع وصلت!');
  await page
    .getByTestId('attach-input')
    .setInputFiles({ name: 'menu.png', mimeType: 'image/png', buffer: picture(960, 640, 20) });
  await expect(page.getByTestId('campaign-file-name')).toBeVisible();
  await expect(page.getByTestId('preview-variant').first()).toContainText('مرحبًا ليلى');
  await shoot(page, 'lang-ar-campaign-file');
});

test("in Arabic an account's number reads left to right in the native account picker", async ({
  browser,
}, info) => {
  test.setTimeout(90_000);
  const page = await open(browser, info.project.use.baseURL, 'ar');
  await page.goto('/');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'نظرة عامة', exact: true })).toBeVisible();
  // An Arabic name before the number: without marks the "+" of a plain number would land at its end.
  const desk = { name: 'مكتب ساو باولو', id: 'sao-paulo-desk', phone: '5511912345678' };
  await linkSandboxDesk(page.request, desk);
  await page.goto('/messages');
  const picker = page.locator('main select').first();
  const option = picker.locator('option', { hasText: desk.name });
  await expect(option).toContainText('+55 11 91234');
  const label = (await option.textContent()) ?? '';
  for (const isolates of [true, false])
    expect(await numberReadsLeftToRight(page, label, isolates), `isolates: ${isolates}`).toBe(true);
  await picker.selectOption(desk.id);
  await shoot(page, 'lang-ar-account-picker', { fullPage: false, phone: false });
  await trpcMutation(page.request, 'sessions.delete', { id: desk.id });
});

test("in Arabic a failed session says why, and a failed message's error, in Arabic", async ({
  browser,
}, info) => {
  test.setTimeout(120_000);
  const page = await open(browser, info.project.use.baseURL, 'ar');
  await page.goto('/');
  await signIn(page);
  await expect(page.getByRole('heading', { name: 'نظرة عامة', exact: true })).toBeVisible();

  // A QR code nobody scans: the sandbox gives up after its last code, and the session fails.
  await trpcMutation(page.request, 'sessions.create', { name: 'Tabuk desk', id: 'tabuk-desk' });
  await page.goto('/sessions/tabuk-desk');
  // Its QR dialog warns, in Arabic, when the code on screen is the last one.
  await page.getByRole('button', { name: 'مسح رمز QR', exact: true }).click();
  const qrDialog = page.getByRole('dialog', { name: 'ربط Tabuk desk' });
  const lastCode = qrDialog.getByText('هذا آخر رمز: امسحه قبل أن تنتهي صلاحيته، وإلا سيتوقف الربط.');
  await expect(lastCode).toBeVisible({ timeout: 40_000 });
  await shoot(page, 'lang-ar-qr-last-code', { fullPage: false, phone: false });
  await page.keyboard.press('Escape');
  await expect(qrDialog).toBeHidden();
  await expect(page.getByTestId('status-reason')).toHaveText('لم يُمسح رمز QR في الوقت المحدد.', {
    timeout: 60_000,
  });
  await shoot(page, 'lang-ar-session-failed');
  await page.goto('/');
  await expect(page.getByTestId('attention-reason')).toHaveText('لم يُمسح رمز QR في الوقت المحدد.');

  // A message to a number that is not on WhatsApp fails, and the list says so in Arabic.
  await trpcMutation(page.request, 'messages.send', {
    sessionId: desks[0].id,
    to: '+4915199999999',
    text: 'مرحبًا',
  });
  await page.goto(`/messages?session=${desks[0].id}`);
  await expect(page.getByText('هذا الرقم غير مسجّل في واتساب.')).toBeVisible();
  await shoot(page, 'lang-ar-message-failed');
  await trpcMutation(page.request, 'sessions.delete', { id: 'tabuk-desk' });
});

test('every language at desktop and phone width', async ({ browser }, info) => {
  // Five screens in five languages, each shot at two widths.
  test.setTimeout(180_000);
  const page = await open(browser, info.project.use.baseURL, 'en-US');
  await page.goto('/');
  await signIn(page);
  await expect(page.getByTestId('tile-total')).toBeVisible();
  for (const locale of LOCALES) {
    await page.goto('/');
    await chooseLanguage(page, locale);
    await expect(page.getByTestId('tile-total')).toContainText('3');
    await shoot(page, `lang-${locale}-overview`);
    await page.goto('/sessions');
    await expect(page.getByTestId('session-count')).toBeVisible();
    await shoot(page, `lang-${locale}-sessions`);
    await page.goto(`/sessions/${desks[1].id}`);
    await expect(page.getByRole('heading', { name: desks[1].name })).toBeVisible();
    await shoot(page, `lang-${locale}-session`);
    await page.goto('/inbox');
    await expect(page.locator('main h1')).toBeVisible();
    await shoot(page, `lang-${locale}-inbox`);
    await page.goto('/campaigns');
    await expect(page.locator('main h1')).toBeVisible();
    await shoot(page, `lang-${locale}-campaigns`);
  }
});
