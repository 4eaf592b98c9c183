import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { LOCALES } from '@switchboard/validators';
import { desktopContext, linkSandboxDesk, signInAsAdmin, trpcMutation, trpcQuery } from './support.ts';

/**
 * Opening the dashboard at a conversation's address: the conversation shows with its messages in every
 * language (Arabic right to left), each piece of data asked for once; signed out, it asks to sign in first
 * and then opens the conversation.
 */
test.describe.configure({ mode: 'serial' });

const TARIQ = { name: 'Tariq Aziz', email: 'tariq.aziz@example.com', password: 'tariq-password-1' };
const desk = { name: 'First-load desk', id: 'first-load-desk', phone: '4915112340071' };
const contact = '14155550171';
const MESSAGES = ['Is the order on its way?', 'It was due on Monday', 'Any news?'];
const DIRECTION = { en: 'ltr', ar: 'rtl', 'pt-BR': 'ltr', es: 'ltr', id: 'ltr' } as const;

let conversationId = '';

test.beforeAll(async ({ playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const admin = await playwright.request.newContext({ baseURL });
  await signInAsAdmin(admin);
  await trpcMutation(admin, 'users.create', { ...TARIQ, role: 'operator' });
  await admin.dispose();
  const tariq = await playwright.request.newContext({ baseURL });
  await trpcMutation(tariq, 'auth.login', { email: TARIQ.email, password: TARIQ.password });
  await linkSandboxDesk(tariq, desk);
  for (const text of MESSAGES) {
    const sent = await tariq.post('/api/sandbox/inbound', { data: { from: contact, to: desk.phone, text } });
    expect(sent.ok(), await sent.text()).toBe(true);
  }
  const page = await trpcQuery<{ items: { id: string }[] }>(tariq, 'conversations.list', { limit: 1 });
  conversationId = page.items[0]!.id;
  await tariq.dispose();
});

/** How often the page asked for each procedure (batched or not) over HTTP. */
function procedureCounts(page: Page): Map<string, number> {
  const counts = new Map<string, number>();
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/trpc/')) return;
    for (const name of path.slice('/trpc/'.length).split(',')) counts.set(name, (counts.get(name) ?? 0) + 1);
  });
  return counts;
}

const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

for (const locale of LOCALES) {
  test(`a link to a conversation opens it with its messages, each asked for once (${locale})`, async ({
    browser,
  }, testInfo) => {
    const context = await desktopContext(browser, testInfo, { locale });
    contexts.push(context);
    await trpcMutation(context.request, 'auth.login', { email: TARIQ.email, password: TARIQ.password });
    await trpcMutation(context.request, 'auth.setLocale', { locale });
    const page = await context.newPage();
    const asked = procedureCounts(page);

    await page.goto(`/inbox?conversation=${conversationId}`);
    const thread = page.getByTestId('thread');
    for (const text of MESSAGES) await expect(thread.getByText(text)).toBeVisible();
    await expect(page.getByTestId('conversation')).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.locator('html')).toHaveAttribute('dir', DIRECTION[locale]);

    // Each once: the live streams resume from the lists' reads instead of reading them again
    // (inbox-live-gap.spec.ts says why they would have to otherwise).
    for (const name of ['auth.me', 'sessions.list', 'conversations.list', 'conversations.messages'])
      expect(asked.get(name), name).toBe(1);
  });
}

test('signed out, a link to a conversation asks to sign in, then opens it', async ({ browser }, testInfo) => {
  const context = await desktopContext(browser, testInfo, { locale: 'en-US' });
  contexts.push(context);
  await trpcMutation(context.request, 'auth.login', { email: TARIQ.email, password: TARIQ.password });
  await trpcMutation(context.request, 'auth.setLocale', { locale: 'en' });
  await context.clearCookies();
  const page = await context.newPage();

  await page.goto(`/inbox?conversation=${conversationId}`);
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await page.locator('input[type="email"]').fill(TARIQ.email);
  await page.locator('input[type="password"]').fill(TARIQ.password);
  await page.locator('form button[type="submit"]').click();

  const thread = page.getByTestId('thread');
  for (const text of MESSAGES) await expect(thread.getByText(text)).toBeVisible();
  await expect(page.getByTestId('conversation')).toHaveCount(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
