import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OWN_PORT, type OwnGateway, shoot, startOwnGateway } from './support.ts';

/**
 * The live connection, against a gateway of this test's own so it can be stopped: the dashboard says when
 * live updates stop, and when the server is back it recovers by itself — no reload, still signed in, and the
 * session's status current again.
 */

test('says when the live connection is lost and recovers quietly when the server is back', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-restart-'));
  let gateway: OwnGateway | null = await startOwnGateway(OWN_PORT, dataDir);
  const context = await browser.newContext({ baseURL: gateway.url, viewport: { width: 1280, height: 860 } });
  try {
    const page = await context.newPage();
    let loads = 0;
    page.on('load', () => {
      loads += 1;
    });

    // An admin and one linked sandbox session, set up through the API the dashboard uses.
    const api = context.request;
    const call = async (path: string, input: unknown) => {
      const response = await api.post(`/trpc/${path}`, { data: input });
      expect(response.ok(), await response.text()).toBe(true);
      return ((await response.json()) as { result: { data: unknown } }).result.data;
    };
    await call('auth.setup', { name: 'Rita Restart', email: 'rita@example.com', password: 'restart-pass-1' });
    await call('sessions.create', { name: 'Relay', engine: 'sandbox' });
    await expect
      .poll(async () => {
        const response = await api.get(
          `/trpc/sessions.byId?input=${encodeURIComponent(JSON.stringify({ id: 'relay' }))}`,
        );
        const session = ((await response.json()) as { result: { data: { qr: { qr: string } | null } } })
          .result.data;
        if (!session.qr) return false;
        return (
          await api.post('/api/sandbox/scan', { data: { qr: session.qr.qr, phone: '4915112340009' } })
        ).ok();
      })
      .toBe(true);

    await page.goto('/sessions');
    const badge = page.locator('[data-session-id="relay"]').getByTestId('status-badge');
    await expect(badge).toHaveAttribute('data-status', 'connected');
    const banner = page.getByRole('alert').filter({ hasText: 'Live connection to the server lost' });
    await expect(banner).toHaveCount(0);
    const loadsBefore = loads;

    await gateway.stop();
    gateway = null;
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await shoot(page, '12-connection-lost', { phone: true });

    gateway = await startOwnGateway(OWN_PORT, dataDir);
    await expect(banner).toBeHidden({ timeout: 30_000 });
    // Still signed in, the session restored by the server with its stored link, and shown as such.
    await expect(page.getByRole('heading', { name: 'Sessions', exact: true })).toBeVisible();
    await expect(badge).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
    expect(loads, 'the page never reloaded').toBe(loadsBefore);
  } finally {
    await context.close();
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
