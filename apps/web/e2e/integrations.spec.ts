import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
  request as requests,
  test,
} from '@playwright/test';
import {
  cspViolations,
  desktopContext,
  linkSandboxDesk,
  shoot,
  signInAsAdmin,
  trpcMutation,
} from './support.ts';

/**
 * What an integrator does in the dashboard: make an API key, use it from outside, watch it get used, revoke
 * it; choose a default sender; read the API reference. Self-contained against the shared gateway.
 */
test.describe.configure({ mode: 'serial' });

const desk = { name: 'Integration desk', id: 'integration-desk', phone: '4915112340055' };
const customer = '+14155550166';

let context: BrowserContext;
let page: Page;
/** A client with no cookie: what an integrator's server is. */
let outside: APIRequestContext;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  context = await desktopContext(browser, testInfo, { permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  outside = await requests.newContext({ baseURL });
  const request = context.request;
  await signInAsAdmin(request);
  await linkSandboxDesk(request, desk);
});

test.afterAll(async () => {
  await outside?.dispose();
  await context?.close();
});

const send = (key: string, body: Record<string, string>) =>
  outside.post('/api/v1/messages', {
    headers: { authorization: `Bearer ${key}` },
    data: { to: customer, text: 'Sent with an API key', ...body },
  });

test('an API key: created with scopes and a session, copied once, used, seen used, revoked', async () => {
  await page.goto('/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Create key' }).first().click();
  const form = page.getByRole('dialog', { name: 'Create an API key' });
  await form.getByLabel('Name', { exact: true }).fill('n8n production');
  await form.getByRole('button', { name: 'Send messages' }).click();
  await form.getByText('Only some sessions').click();
  await form.getByRole('checkbox', { name: new RegExp(desk.name) }).check();
  await form.getByText('30 days').click();
  await shoot(page, 'api-key-create', { fullPage: false });
  await form.getByRole('button', { name: 'Create key' }).click();

  const created = page.getByRole('dialog', { name: 'API key created' });
  await expect(created.getByText('you won’t see it again')).toBeVisible();
  const key = await created.getByLabel('API key').inputValue();
  expect(key).toMatch(/^sbk_[A-Za-z0-9_-]{43}$/);
  await created.getByRole('button', { name: 'Copy' }).click();
  await expect(created.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key);
  await shoot(page, 'api-key-created', { fullPage: false, phone: false });
  await created.getByRole('button', { name: 'I have stored it' }).click();

  // Shown once: the list (even after a reload) has only its prefix.
  await page.reload();
  const row = page.getByTestId('api-key-row').filter({ hasText: 'n8n production' });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText(`Only ${desk.name}`);
  await expect(row.getByTestId('last-used')).toHaveText('Never');
  expect(await page.content()).not.toContain(key.slice(12));

  // The key at work, from outside the browser: it sends from its session by that session's number.
  const sent = await send(key, { from: `+${desk.phone}` });
  expect(sent.status(), await sent.text()).toBe(200);
  expect(await sent.json()).toMatchObject({ accountId: desk.id, status: 'queued' });
  await page.reload();
  await expect(row.getByTestId('last-used')).toHaveText('just now');
  await shoot(page, 'api-keys', { dark: true });

  await row.getByRole('button', { name: 'Revoke' }).click();
  await page
    .getByRole('dialog', { name: 'Revoke n8n production?' })
    .getByRole('button', { name: 'Revoke key' })
    .click();
  await expect(row).toContainText('Revoked');
  const refused = await send(key, { from: `+${desk.phone}` });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: 'UNAUTHORIZED' });
});

test('a default sender, chosen with the star, sends what names no session', async () => {
  await page.goto('/sessions');
  const card = page.getByTestId('session-card').filter({ hasText: desk.name });
  await card.getByRole('button', { name: `Make ${desk.name} your default sender` }).click();
  await expect(card.getByRole('button', { name: `${desk.name} is your default sender` })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await shoot(page, 'default-sender', { fullPage: false, phone: false });
  const { secret } = await trpcMutation<{ secret: string }>(context.request, 'apiKeys.create', {
    name: 'cron',
    scopes: ['messages:send'],
  });
  const sent = await send(secret, {});
  expect(await sent.json()).toMatchObject({ accountId: desk.id });
});

test('the API reference renders from this server alone, under its policy', async () => {
  const violations = cspViolations(page);
  const elsewhere: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(test.info().project.use.baseURL ?? '')) elsewhere.push(r.url());
  });
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Switchboard API/ })).toBeVisible();
  // An operation opened, with its example body and responses, and the key entered as an integrator would.
  await page.locator('#operations-Messages-messages-send').click();
  await expect(page.locator('#operations-Messages-messages-send')).toContainText('Idempotency-Key');
  await expect(page.locator('#operations-Messages-messages-send')).toContainText('"to": "+14155552671"');
  await page.getByRole('button', { name: 'Authorize' }).click();
  await expect(page.getByRole('heading', { name: 'Available authorizations' })).toBeVisible();
  await page.getByRole('textbox', { name: 'auth-bearer-value' }).fill('sbk_example');
  await shoot(page, 'api-docs', { fullPage: false });
  expect(elsewhere).toEqual([]);
  expect(violations()).toEqual([]);
});
