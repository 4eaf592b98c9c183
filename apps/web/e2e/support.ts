import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContextOptions,
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export const SCREENS_DIR = 'test-results/screens';

/** A desktop-sized, light browser context on the test gateway: how the specs' operator sees the dashboard. */
export function desktopContext(browser: Browser, testInfo: TestInfo, options: BrowserContextOptions = {}) {
  return browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    viewport: { width: 1280, height: 860 },
    colorScheme: 'light',
    ...options,
  });
}

/** Reads the QR code on screen from its pixels, the way a phone camera would. */
export async function decodeQr(image: Locator): Promise<string> {
  await expect(image).toBeVisible();
  const png = PNG.sync.read(await image.screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error('No QR code could be read from the screenshot');
  return code.data;
}

/** Screenshots of a screen at desktop and phone widths (and optionally dark), kept as test artifacts. */
export async function shoot(
  page: Page,
  name: string,
  options: { dark?: boolean; phone?: boolean; fullPage?: boolean; narrowest?: boolean } = {},
) {
  const fullPage = options.fullPage ?? true;
  mkdirSync(SCREENS_DIR, { recursive: true });
  const desktop = page.viewportSize() ?? { width: 1280, height: 860 };
  await settle(page);
  await page.screenshot({ path: `${SCREENS_DIR}/${name}-1280.png`, fullPage });
  if (options.phone !== false) {
    await page.setViewportSize({ width: 390, height: 844 });
    await settle(page);
    await page.screenshot({ path: `${SCREENS_DIR}/${name}-390.png`, fullPage });
    if (options.narrowest) {
      // The narrowest phone the dashboard supports.
      await page.setViewportSize({ width: 360, height: 740 });
      await settle(page);
      await page.screenshot({ path: `${SCREENS_DIR}/${name}-360.png`, fullPage });
    }
    await page.setViewportSize(desktop);
  }
  if (options.dark) {
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(page);
    await page.screenshot({ path: `${SCREENS_DIR}/${name}-dark-1280.png`, fullPage });
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await settle(page);
}

async function settle(page: Page) {
  // Let layout, fonts and CSS transitions finish so screenshots show the settled screen.
  // A string, since the tests are type-checked without the DOM library.
  await page.evaluate('document.fonts.ready.then(() => true)');
  await page.waitForTimeout(350);
}

/** Main-frame navigations (loads and reloads) of a page, to prove updates arrive without one. */
export function countLoads(page: Page): () => number {
  let loads = 0;
  page.on('load', () => {
    loads += 1;
  });
  return () => loads;
}

/** What the page's Content-Security-Policy refused, as Chromium reports it on the console. */
export function cspViolations(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy'))
      seen.push(message.text());
  });
  return () => seen;
}

/**
 * The port of a test's own gateway: a hundred above the shared one's (`E2E_PORT`), so that test runs side by
 * side on one machine, each with its own `E2E_PORT`, never reach for the same one. `E2E_OWN_PORT` overrides it.
 */
export const OWN_PORT = Number(process.env.E2E_OWN_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 100);

/** A gateway of the test's own (not the shared one), which the test may stop and start again. */
export interface OwnGateway {
  url: string;
  stop(): Promise<void>;
}

/** `sandbox`: timings of its own for the sandbox (e.g. receipts slow enough to watch a status before them). */
export async function startOwnGateway(
  port: number,
  dataDir: string,
  sandbox: { deliveredDelayMs?: number; readDelayMs?: number } = {},
): Promise<OwnGateway> {
  const timings = {
    ...(sandbox.deliveredDelayMs ? { E2E_SANDBOX_DELIVERED_DELAY_MS: String(sandbox.deliveredDelayMs) } : {}),
    ...(sandbox.readDelayMs ? { E2E_SANDBOX_READ_DELAY_MS: String(sandbox.readDelayMs) } : {}),
  };
  const child = spawn(process.execPath, ['apps/web/e2e/start-server.mjs'], {
    env: { ...process.env, ...timings, E2E_PORT: String(port), E2E_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The gateway on port ${port} exited during start-up`);
    const healthy = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The gateway on port ${port} did not become healthy within 30 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A tRPC query over plain HTTP, as the signed-in user of `request`. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/trpc/${path}${query}`);
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** A tRPC mutation over plain HTTP, as the signed-in user of `request`. */
export async function trpcMutation<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const response = await request.post(`/trpc/${path}`, { data: input ?? {} });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** The admin the browser tests share (dashboard.spec.ts creates it in the first-run form). */
export const ADMIN = { name: 'Ada Admin', email: 'admin@example.com', password: 'correct horse battery' };

/** Signs `request` in as the admin, creating the admin first when the spec runs alone on a fresh server. */
export async function signInAsAdmin(request: APIRequestContext): Promise<void> {
  const me = await trpcQuery<{ needsSetup: boolean }>(request, 'auth.me');
  if (me.needsSetup) await trpcMutation(request, 'auth.setup', ADMIN);
  else await trpcMutation(request, 'auth.login', { email: ADMIN.email, password: ADMIN.password });
}

/**
 * Adds a sandbox account with the given id and links it by scanning its QR with virtual phone `phone`,
 * reading the code again if it rotated before the scan landed.
 */
export async function linkSandboxDesk(
  request: APIRequestContext,
  desk: { name: string; id: string; phone: string },
): Promise<void> {
  await trpcMutation(request, 'sessions.create', { name: desk.name, id: desk.id });
  await expect
    .poll(
      async () => {
        const session = await trpcQuery<{ status: string; qr: { qr: string } | null }>(
          request,
          'sessions.byId',
          { id: desk.id },
        );
        if (session.status === 'connected') return 'connected';
        if (session.qr)
          await request.post('/api/sandbox/scan', { data: { qr: session.qr.qr, phone: desk.phone } });
        return session.status;
      },
      { timeout: 20_000 },
    )
    .toBe('connected');
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A photo-like PNG: a soft gradient with a few circles, `width` × `height`. */
export function picture(width: number, height: number, hue: number): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const t = x / width;
      const s = y / height;
      const ring = Math.hypot(x - width * 0.68, y - height * 0.38) < height * 0.22 ? 40 : 0;
      png.data[i] = Math.round(((hue + 30 * t) % 255) * 0.4 + 120 * s + ring);
      png.data[i + 1] = Math.round(150 + 80 * t - 40 * s + ring);
      png.data[i + 2] = Math.round(190 - 90 * s + 50 * t);
      // Noise, so the file is large enough to show an upload's progress.
      png.data[i + 3] = 255 - ((x * 7919 + y * 104729) % 9);
    }
  }
  return PNG.sync.write(png);
}

/** Just what `numberReadsLeftToRight` uses of the page (the specs are type-checked without the DOM). */
type TextNode = { data: string };
type Probe = {
  document: {
    body: { append(el: unknown): void };
    createElement(tag: string): { dir: string; textContent: string; firstChild: TextNode; remove(): void };
    createRange(): {
      setStart(n: TextNode, i: number): void;
      setEnd(n: TextNode, i: number): void;
      getBoundingClientRect(): { x: number };
    };
  };
};

/**
 * Whether the phone number in `text`, laid out right to left the way the page lays out Arabic, has its "+"
 * left of its first digit. With `isolates: false` the Unicode isolates are taken out first, as the pickers
 * some systems draw for a native `<select>` ignore them: the number must still read left to right.
 */
export async function numberReadsLeftToRight(page: Page, text: string, isolates: boolean): Promise<boolean> {
  return page.evaluate(
    ({ text, isolates }) => {
      const { document } = globalThis as unknown as Probe;
      const line = document.createElement('div');
      line.dir = 'rtl';
      line.textContent = isolates ? text : text.replace(/[\u2066-\u2069]/g, '');
      document.body.append(line);
      const node = line.firstChild;
      const at = (i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().x;
      };
      const plus = node.data.indexOf('+');
      const leads = plus !== -1 && at(plus) < at(plus + 1);
      line.remove();
      return leads;
    },
    { text, isolates },
  );
}
