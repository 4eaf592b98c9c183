import { type BrowserContext, expect, type Request, test } from '@playwright/test';
import { ADMIN, signInAsAdmin, trpcMutation } from './support.ts';

/**
 * How the dashboard arrives: scripts compressed and cached for good, the page itself never cached, the first
 * screen's data asked beside the sign-in check, and each screen's code fetched when it is first
 * opened — while every screen still shows, signed in or not.
 */
test.describe.configure({ mode: 'serial' });

const contexts: BrowserContext[] = [];
test.afterAll(async () => {
  for (const context of contexts) await context.close();
});

const DESK = { name: 'First load desk', id: 'first-load-desk' };

const screenChunk = (request: Request, screen: string) =>
  new RegExp(`/assets/${screen}-screen-[\\w-]+\\.js$`).test(request.url());
const trpcCalls = (request: Request) =>
  request.url().includes('/trpc/')
    ? decodeURIComponent(new URL(request.url()).pathname.slice(6)).split(',')
    : [];

test("a signed-in operator gets the page uncached, compressed scripts, and the first screen's data at once", async ({
  browser,
}, testInfo) => {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  contexts.push(context);
  await signInAsAdmin(context.request);
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));

  const document = await page.goto('/sessions');
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();

  expect(document?.headers()['cache-control']).toBe('no-cache');
  const scripts = requests.filter((r) => r.resourceType() === 'script');
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) {
    const response = await script.response();
    expect(response?.headers()['cache-control'], script.url()).toBe('public, max-age=31536000, immutable');
    // Pieces under a kilobyte go out as they are.
    const size = (await response?.body())?.length ?? 0;
    expect(response?.headers()['content-encoding'], script.url()).toBe(size < 1024 ? undefined : 'br');
  }

  // The sign-in check alone (nothing slower holds its answer back); the sessions asked beside it, not after.
  const calls = requests.map(trpcCalls).filter((c) => c.length > 0);
  expect(calls.slice(0, 2)).toEqual(
    expect.arrayContaining([['auth.me'], expect.arrayContaining(['sessions.list'])]),
  );
  expect(calls.filter((c) => c.includes('sessions.list'))).toHaveLength(1);

  // Only the screen on display was fetched; another one's code comes when the operator goes there.
  expect(requests.some((r) => screenChunk(r, 'sessions'))).toBe(true);
  expect(requests.some((r) => screenChunk(r, 'inbox'))).toBe(false);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Inbox' }).click();
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible();
  expect(requests.some((r) => screenChunk(r, 'inbox'))).toBe(true);
});

test('a visitor who is not signed in gets the sign-in form, and after signing in the sessions', async ({
  browser,
}, testInfo) => {
  const admin = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  contexts.push(admin);
  await signInAsAdmin(admin.request);
  await trpcMutation(admin.request, 'sessions.create', { ...DESK, engine: 'sandbox', start: false });
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/sessions');
  await expect(page.getByRole('heading', { name: 'Sign in', exact: true })).toBeVisible();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
  // The list asked before sign-in was refused; the one shown now is the signed-in admin's.
  await expect(page.locator(`[data-session-id="${DESK.id}"]`).first()).toBeVisible();
});
