import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromiumProcesses,
  endChromiums,
  FAKE_WEB_VERSION,
  type FakeWhatsAppWebScript,
  type StandInPhone,
  saveFakeWhatsAppWeb,
  startHangingProxy,
} from '@switchboard/engines/webjs/test-support';
import { afterEach } from 'vitest';
import {
  type Client,
  connect,
  newDataDir,
  setupAdmin,
  startTestGateway,
  type TestGateway,
} from './harness.ts';

// What the WhatsApp Web engine tests share: gateways, browsers, processes and stand-ins made for a test and
// ended after it (`afterEach` here runs after each test of the file importing it).

/**
 * The WhatsApp Web engine end to end: the real gateway, real whatsapp-web.js, the machine's real Chromium.
 * WhatsApp is unreachable from here, which is itself the first thing tested; a stand-in WhatsApp Web page
 * (loaded through whatsapp-web.js's version cache) stands in for it where a QR code is needed.
 */

/** Retries slow enough that a relaunch is observable, fast enough to see two of them. */
export const WEBJS_ENV: Record<string, string> = {
  RECONNECT_BASE_MS: '1500',
  RECONNECT_MAX_MS: '6000',
  SESSION_START_TIMEOUT_MS: '30000',
  WEBJS_INIT_TIMEOUT_MS: '20000',
};

export const dataDirs: string[] = [];
const gateways: TestGateway[] = [];
export const clients: Client[] = [];
export const processes: ChildProcess[] = [];
const proxies: { close(): Promise<void> }[] = [];
export const phones: StandInPhone[] = [];
export const receivers: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.close();
  for (const receiver of receivers.splice(0)) await receiver.close();
  for (const client of clients.splice(0)) await client.close();
  for (const gateway of gateways.splice(0)) await gateway.close();
  for (const child of processes.splice(0)) child.kill('SIGKILL');
  // Whatever a failed test left running goes, so no Chromium outlives the suite.
  for (const dir of dataDirs.splice(0)) {
    for (const id of existsSync(join(dir, 'sessions')) ? readdirSync(join(dir, 'sessions')) : []) {
      await endChromiums(join(dir, 'sessions', id));
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  }
  for (const proxy of proxies.splice(0)) await proxy.close();
});

export async function gateway(overrides: Record<string, string> = {}, fake?: FakeWhatsAppWebScript) {
  const dataDir = newDataDir();
  dataDirs.push(dataDir);
  if (fake) saveFakeWhatsAppWeb(join(dataDir, 'wweb-cache'), fake);
  const g = await startTestGateway(
    { ...WEBJS_ENV, ...(fake ? { WEBJS_WEB_VERSION: FAKE_WEB_VERSION } : {}), ...overrides },
    dataDir,
  );
  gateways.push(g);
  const client = connect(g, await setupAdmin(g));
  clients.push(client);
  return { g, client, dataDir };
}

export async function hangingProxy() {
  const proxy = await startHangingProxy();
  proxies.push(proxy);
  return proxy;
}

export const sessionDir = (dataDir: string, id: string) => join(dataDir, 'sessions', id);
export const chromiumCount = async (dataDir: string, id: string) =>
  (await chromiumProcesses(sessionDir(dataDir, id))).length;
