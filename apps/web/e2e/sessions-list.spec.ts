import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { desktopContext, shoot, signInAsAdmin, trpcMutation, trpcQuery } from './support.ts';

/**
 * A long session list: only the cards near the viewport are rendered, yet every session is there to scroll
 * to, the counters count them all, and live status changes reach the cards on screen.
 */
test.describe.configure({ mode: 'serial' });

const FLEET = 40;
const fleet = Array.from({ length: FLEET }, (_, i) => ({
  name: `Fleet ${String(i + 1).padStart(2, '0')}`,
  id: `fleet-${String(i + 1).padStart(2, '0')}`,
}));

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  context = await desktopContext(browser, testInfo);
  page = await context.newPage();
  await signInAsAdmin(context.request);
  for (const session of fleet) {
    await trpcMutation(context.request, 'sessions.create', { ...session, engine: 'sandbox', start: false });
  }
});

test.afterAll(async () => {
  await context?.close();
});

const card = (id: string) => page.locator(`[data-testid="session-card"][data-session-id="${id}"]`);

test('renders the cards in view, scrolls to every session, and counts them all', async () => {
  const total = (await trpcQuery<unknown[]>(context.request, 'sessions.list')).length;
  expect(total).toBeGreaterThanOrEqual(FLEET);

  await page.goto('/sessions');
  await expect(page.getByTestId('counter-total')).toHaveText(String(total));
  const list = page.getByRole('list', { name: 'Sessions' });
  const items = list.getByRole('listitem');
  await expect(items.first()).toHaveAttribute('aria-setsize', String(total));
  await expect(items.first()).toHaveAttribute('aria-posinset', '1');
  // A screenful and a little more, not the whole list.
  expect(await items.count()).toBeLessThan(total);

  // The newest session is last: scrolling to the end shows it, and the first one has left the page.
  const last = fleet.at(-1)!;
  await page.keyboard.press('End');
  await expect(card(last.id)).toBeVisible();
  await expect(card(last.id).getByRole('link', { name: last.name })).toBeVisible();
  await expect(items.last()).toHaveAttribute('aria-posinset', String(total));
  await expect(page.locator('[data-testid="session-card"]').first()).not.toHaveAttribute(
    'data-session-id',
    fleet[0]!.id,
  );
  await shoot(page, '08-sessions-long-list', { fullPage: false, phone: false });
});

test('a status change reaches a card far down the list', async () => {
  const last = fleet.at(-1)!;
  await card(last.id).getByRole('button', { name: 'Start', exact: true }).click();
  // Starting an unlinked sandbox session shows its QR code: the QR dialog opens and the badge follows.
  const dialog = page.getByRole('dialog', { name: `Link ${last.name}` });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(card(last.id).getByTestId('status-badge')).toHaveAttribute('data-status', 'qr');
  await card(last.id).getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(card(last.id).getByTestId('status-badge')).toHaveAttribute('data-status', 'stopped');
});
