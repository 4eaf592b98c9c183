import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type Client, type TestGateway, useAdminGateway } from './harness.ts';

// What the media tests share: a fresh gateway with a signed-in admin for each test (small image limit, short
// fetch timeout), the files it stored, and loopback websites ended after the test.

export let g: TestGateway;
export let cookie: string;
export let client: Client;

useAdminGateway(
  (ctx) => {
    ({ g, cookie, client } = ctx);
  },
  { MEDIA_MAX_IMAGE_MB: '1', MEDIA_FETCH_TIMEOUT_MS: '1500', WEBHOOK_RETRY_SCHEDULE_MS: '50' },
);

export const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every file stored under DATA_DIR/media (temporary ones included). */
export const storedFiles = () => {
  try {
    return readdirSync(join(g.dataDir, 'media'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
  } catch {
    return [];
  }
};

/** A server on loopback standing in for a website that media URLs point at. */
export async function website(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export const CUSTOMER = '4917000000031';
