import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  browserPid,
  chromiumProcesses,
  endChromiums,
  FAKE_WEB_VERSION,
  type FakeWhatsAppWebScript,
  fakeQr,
  isAlive,
  STAND_IN_ACCOUNT,
  StandInPhone,
  saveFakeWhatsAppWeb,
  startHangingProxy,
} from '@switchboard/engines/webjs/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN,
  type Client,
  connect,
  newDataDir,
  setupAdmin,
  signIn,
  startTestGateway,
  type TestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';
import { exited, startServerProcess } from './support/server-process.ts';

/**
 * The WhatsApp Web engine end to end: the real gateway, real whatsapp-web.js, the machine's real Chromium.
 * WhatsApp is unreachable from here, which is itself the first thing tested; a stand-in WhatsApp Web page
 * (loaded through whatsapp-web.js's version cache) stands in for it where a QR code is needed.
 */

/** Retries slow enough that a relaunch is observable, fast enough to see two of them. */
const WEBJS_ENV: Record<string, string> = {
  RECONNECT_BASE_MS: '1500',
  RECONNECT_MAX_MS: '6000',
  SESSION_START_TIMEOUT_MS: '30000',
  WEBJS_INIT_TIMEOUT_MS: '20000',
};

const dataDirs: string[] = [];
const gateways: TestGateway[] = [];
const clients: Client[] = [];
const processes: ChildProcess[] = [];
const proxies: { close(): Promise<void> }[] = [];
const phones: StandInPhone[] = [];
const receivers: { close(): Promise<void> }[] = [];

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

async function gateway(overrides: Record<string, string> = {}, fake?: FakeWhatsAppWebScript) {
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

async function hangingProxy() {
  const proxy = await startHangingProxy();
  proxies.push(proxy);
  return proxy;
}

const sessionDir = (dataDir: string, id: string) => join(dataDir, 'sessions', id);
const chromiumCount = async (dataDir: string, id: string) =>
  (await chromiumProcesses(sessionDir(dataDir, id))).length;

describe('webjs sessions without WhatsApp (offline)', () => {
  it('fail within seconds naming WhatsApp as unreachable, retry on schedule, and Stop leaves no Chromium', async () => {
    const { client, dataDir } = await gateway();
    // Nothing is known before the first attempt; afterwards the server says WhatsApp Web was out of reach.
    expect(await client.sessions.engines.query()).toEqual([
      { name: 'sandbox', reachable: null, checkedAt: null },
      { name: 'webjs', reachable: null, checkedAt: null },
    ]);
    const startedAt = Date.now();
    const created = await client.sessions.create.mutate({ id: 'offline', name: 'Offline', engine: 'webjs' });
    expect(await client.sessions.engines.query()).toContainEqual({
      name: 'webjs',
      reachable: false,
      checkedAt: expect.any(Number),
    });
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(created.status).toBe('failed');
    expect(created.statusReason).toMatch(
      /^cannot reach web\.whatsapp\.com: ERR_NAME_NOT_RESOLVED — retrying in \d+ s \(attempt 1\)$/,
    );
    // The first retry is due within RECONNECT_BASE_MS (jittered), and happens then, not before.
    const firstRetryAt = created.nextRetryAt!;
    expect(firstRetryAt - created.updatedAt).toBeLessThanOrEqual(1500);
    const second = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'offline' });
        return s.statusReason?.endsWith('(attempt 2)') ? s : undefined;
      },
      'the second attempt',
      15_000,
    );
    expect(second.status).toBe('failed');
    expect(second.statusReason).toContain('cannot reach web.whatsapp.com: ERR_NAME_NOT_RESOLVED');
    expect(second.updatedAt).toBeGreaterThanOrEqual(firstRetryAt);
    expect(second.nextRetryAt! - second.updatedAt).toBeLessThanOrEqual(3000);
    expect(await chromiumCount(dataDir, 'offline')).toBe(0);

    const stopped = await client.sessions.stop.mutate({ id: 'offline' });
    expect(stopped).toMatchObject({ status: 'stopped', nextRetryAt: null });
    expect(await chromiumCount(dataDir, 'offline')).toBe(0);
  });

  it('fail for good with a clear reason when there is no browser (CHROME_PATH pointing nowhere)', async () => {
    const { client } = await gateway({ CHROME_PATH: '/opt/nowhere/chromium' });
    const created = await client.sessions.create.mutate({
      id: 'no-browser',
      name: 'No browser',
      engine: 'webjs',
    });
    const reason =
      'No Chrome or Chromium found: install chromium or set CHROME_PATH (CHROME_PATH=/opt/nowhere/chromium is not an executable file)';
    expect(created).toMatchObject({
      status: 'failed',
      statusReason: reason,
      nextRetryAt: null,
      autoStart: false,
    });
    await new Promise((r) => setTimeout(r, 2000));
    expect(await client.sessions.byId.query({ id: 'no-browser' })).toMatchObject({
      status: 'failed',
      statusReason: reason,
    });
  });

  it('ten started and deleted at once (browsers still loading): no Chromium left, data folders gone', async () => {
    const proxy = await hangingProxy();
    const { g, client, dataDir } = await gateway({
      WEBJS_BROWSER_ARGS: `--proxy-server=${proxy.url}`,
      WEBJS_INIT_TIMEOUT_MS: '90000',
      SESSION_START_TIMEOUT_MS: '90000',
    });
    const ids = Array.from({ length: 10 }, (_, i) => `bulk-${i}`);
    // Creating answers once the start settled, which WhatsApp Web never lets happen here: do not wait.
    const creating = ids.map((id) =>
      client.sessions.create.mutate({ id, name: id, engine: 'webjs' }).catch((error: unknown) => error),
    );
    await waitFor(
      async () => (await Promise.all(ids.map((id) => chromiumCount(dataDir, id)))).every((n) => n >= 3),
      'ten browsers running',
      60_000,
    );
    const list = await client.sessions.list.query();
    expect(list.map((s) => s.status)).toEqual(ids.map(() => 'starting'));

    // While they run, each reports its browser's memory (the dashboard shows it on the session).
    const sampled = await waitFor(async () => {
      await g.services.sessions.sampleResources();
      const s = await client.sessions.byId.query({ id: 'bulk-0' });
      return s.resources ? s : undefined;
    }, 'a resource sample');
    expect(sampled.resources).toMatchObject({ processes: expect.any(Number), sampledAt: expect.any(Number) });
    expect(sampled.resources!.processes).toBeGreaterThanOrEqual(3);
    expect(sampled.resources!.rssBytes).toBeGreaterThan(50 * 1024 * 1024);

    await Promise.all(ids.map((id) => client.sessions.delete.mutate({ id })));
    expect(await Promise.all(ids.map((id) => chromiumCount(dataDir, id)))).toEqual(ids.map(() => 0));
    expect(ids.filter((id) => existsSync(sessionDir(dataDir, id)))).toEqual([]);
    expect(await client.sessions.list.query()).toEqual([]);
    await Promise.all(creating);
  }, 120_000);
});

describe('webjs sessions against a stand-in WhatsApp Web page', () => {
  it('show the exact QR code, give pairing codes, and reconnect to a new QR after the browser crashes', async () => {
    const { client, dataDir } = await gateway({}, {});
    const created = await client.sessions.create.mutate({ id: 'linking', name: 'Linking', engine: 'webjs' });
    expect(created.status).toBe('qr');
    expect(created.qr?.qr).toBe(fakeQr(1));
    expect(
      await client.sessions.requestPairingCode.mutate({ id: 'linking', phone: '+49 151 1234 5678' }),
    ).toEqual({
      code: 'PAIR5678',
    });

    const crashed = browserPid(sessionDir(dataDir, 'linking'));
    expect(crashed).not.toBeNull();
    process.kill(crashed!, 'SIGKILL');
    const reconnecting = await waitForStatus(client, 'linking', 'reconnecting', 10_000);
    expect(reconnecting.statusReason).toMatch(
      /^The browser closed unexpectedly — retrying in \d+ s \(attempt 1\)$/,
    );
    const again = await waitForStatus(client, 'linking', 'qr', 20_000);
    expect(again.qr?.qr).toBe(fakeQr(1));
    expect(await isAlive(crashed!)).toBe(false);

    await client.sessions.delete.mutate({ id: 'linking' });
    expect(await chromiumCount(dataDir, 'linking')).toBe(0);
    expect(existsSync(sessionDir(dataDir, 'linking'))).toBe(false);
  });

  it('become logged_out when the phone unlinks, with the login data deleted and the browser gone', async () => {
    const { client, dataDir } = await gateway({}, { unlinkAfterMs: 1000 });
    await client.sessions.create.mutate({ id: 'unlinked', name: 'Unlinked', engine: 'webjs' });
    const out = await waitForStatus(client, 'unlinked', 'logged_out', 15_000);
    expect(out).toMatchObject({
      statusReason: 'Logged out: the linked device was removed',
      autoStart: false,
    });
    expect(await chromiumCount(dataDir, 'unlinked')).toBe(0);
    expect(existsSync(join(sessionDir(dataDir, 'unlinked'), 'session'))).toBe(false);
  });
});

describe('webjs sessions linked to the stand-in of today’s WhatsApp Web (renamed message key field)', () => {
  it('connect by QR scan, send through the API, follow the receipts, and keep senders known by LID', async () => {
    const { client, dataDir } = await gateway(
      {},
      { keyField: '$1', people: [{ phone: '491700000003', lid: '86219306106899@lid', name: 'Ana' }] },
    );
    const created = await client.sessions.create.mutate({ id: 'linked', name: 'Linked', engine: 'webjs' });
    expect(created.status).toBe('qr');
    const phone = await StandInPhone.of(sessionDir(dataDir, 'linked'));
    phones.push(phone);
    await phone.link();
    expect(await waitForStatus(client, 'linked', 'connected', 20_000)).toMatchObject({
      phone: STAND_IN_ACCOUNT.phone,
      pushName: STAND_IN_ACCOUNT.name,
    });

    const queued = await client.messages.send.mutate({
      sessionId: 'linked',
      to: '+49 170 0000001',
      text: 'Hello',
    });
    const messageOf = async (id: string) =>
      (await client.messages.list.query({ sessionId: 'linked' })).items.find((m) => m.id === id);
    const sent = await waitFor(async () => {
      const m = await messageOf(queued.id);
      return m?.status === 'sent' && m;
    }, 'the message to be sent');
    const [handedOver] = await phone.outbox();
    expect(sent.externalId).toBe(handedOver!.id);
    expect(handedOver).toMatchObject({ to: '491700000001@c.us', body: 'Hello' });
    await phone.ack(handedOver!.id, 'delivered');
    await waitFor(async () => (await messageOf(queued.id))?.status === 'delivered', 'the delivery receipt');

    await phone.receive({ from: '86219306106800@lid', body: 'Who is this?', notifyName: 'Lia' });
    const reply = await waitFor(async () => {
      const page = await client.messages.list.query({ sessionId: 'linked' });
      return page.items.find((m) => m.direction === 'in');
    }, 'the reply');
    expect(reply).toMatchObject({ peer: '86219306106800@lid', peerName: 'Lia', body: 'Who is this?' });

    // Someone WhatsApp names by LID but whose number it knows is kept under the number, with both ids.
    await phone.receive({ from: '86219306106899@lid', body: 'Ana here', notifyName: 'Ana' });
    const people = await waitFor(async () => {
      const { items } = await client.contacts.list.query({ sessionId: 'linked' });
      return items.length === 3 && items;
    }, 'three contacts');
    expect(people.map((c) => [c.name, c.phone, c.lid])).toEqual([
      [null, '491700000001', null],
      ['Ana', '491700000003', '86219306106899@lid'],
      ['Lia', '86219306106800@lid', '86219306106800@lid'],
    ]);

    // A reply to the LID-only sender goes to their LID.
    const answer = await client.messages.send.mutate({
      sessionId: 'linked',
      to: '86219306106800@lid',
      text: 'This is the shop',
    });
    await waitFor(async () => {
      const m = await messageOf(answer.id);
      return m?.status === 'sent' && m;
    }, 'the reply to Lia');
    expect((await phone.outbox()).at(-1)).toMatchObject({
      to: '86219306106800@lid',
      body: 'This is the shop',
    });
  });

  it('restart "authenticated but never ready" through the retry policy, with the watchdog’s reason', async () => {
    const { client } = await gateway({ WEBJS_INIT_TIMEOUT_MS: '10000' }, { linked: true, neverReady: true });
    await client.sessions.create.mutate({ id: 'stuck', name: 'Stuck', engine: 'webjs' });
    const failed = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'stuck' });
        return s.status === 'failed' && s;
      },
      'the watchdog',
      30_000,
    );
    expect(failed.statusReason).toMatch(
      /^WhatsApp Web accepted the login but did not become ready in 10 s \(whatsapp-web\.js could not attach to it\): .* — retrying in \d+ s \(attempt 1\)$/,
    );
    expect(failed.nextRetryAt).not.toBeNull();
    // The retry starts it again from the stored login (no QR code) and meets the same end.
    const again = await waitFor(
      async () => {
        const s = await client.sessions.byId.query({ id: 'stuck' });
        return s.statusReason?.endsWith('(attempt 2)') && s;
      },
      'the second attempt',
      50_000,
    );
    expect(again.statusReason).toContain('did not become ready');
    expect(again.qr).toBeNull();
  }, 100_000);
});

describe.each(['_serialized', '$1'] as const)(
  'webjs sessions on the stand-in WhatsApp Web (message keys in %s): how sends end',
  (keyField) => {
    /** A session linked from a stored login (no QR), connected, with the phone standing in for WhatsApp. */
    async function linkedSession(id: string, script: FakeWhatsAppWebScript = {}) {
      const { g, client, dataDir } = await gateway({}, { keyField, linked: true, ...script });
      await client.sessions.create.mutate({ id, name: id, engine: 'webjs' });
      await waitForStatus(client, id, 'connected', 20_000);
      const phone = await StandInPhone.of(sessionDir(dataDir, id));
      phones.push(phone);
      const message = async (messageId: string) =>
        (await client.messages.list.query({ sessionId: id })).items.find((m) => m.id === messageId);
      const settled = (messageId: string, status: string) =>
        waitFor(async () => {
          const m = await message(messageId);
          return m?.status === status && m;
        }, `message ${messageId} to be ${status}`);
      return { g, client, dataDir, phone, settled };
    }

    it('a send that throws after the hand-off ends unknown, goes out once, and its receipts settle it', async () => {
      const hooks = await startReceiver();
      receivers.push(hooks);
      const { client, phone, settled } = await linkedSession('handoff');
      await client.webhooks.create.mutate({
        sessionId: 'handoff',
        url: hooks.url,
        events: ['message.sent', 'message.status'],
      });
      await phone.failNextSendAfterHandOff('Stand-in: the connection to WhatsApp dropped');
      const queued = await client.messages.send.mutate({
        sessionId: 'handoff',
        to: '+49 170 0000001',
        text: 'Your order shipped',
      });
      // WhatsApp's server takes it after all (its receipt "sent" follows); then the phone gets it.
      await settled(queued.id, 'sent');
      const outbox = await phone.outbox();
      expect(outbox.map((m) => [m.to, m.body])).toEqual([['491700000001@c.us', 'Your order shipped']]);
      await phone.ack(outbox[0]!.id, 'delivered');
      expect(await settled(queued.id, 'delivered')).toMatchObject({ externalId: outbox[0]!.id, error: null });

      const told = await waitFor(() => {
        const seen = hooks.received.filter((r) => r.payload.data.messageId === queued.id);
        return seen.length === 3 && seen.map((r) => r.payload);
      }, 'three webhooks for the message');
      expect(told.map((p) => [p.type, p.data.status, p.data.externalId])).toEqual([
        ['message.status', 'unknown', outbox[0]!.id],
        ['message.sent', 'sent', outbox[0]!.id],
        ['message.status', 'delivered', outbox[0]!.id],
      ]);
      expect(told[0]!.data.error).toContain('Stand-in: the connection to WhatsApp dropped');
      expect(told[0]!.data.error).toContain('it is not sent again');

      // A later message goes out normally, and the first one still only once.
      const next = await client.messages.send.mutate({
        sessionId: 'handoff',
        to: '+49 170 0000001',
        text: 'Hi',
      });
      await settled(next.id, 'sent');
      expect((await phone.outbox()).map((m) => m.body)).toEqual(['Your order shipped', 'Hi']);
    }, 60_000);

    it('a 463 answer flags the session limited (view and session.status webhook), a reply still goes out, nothing restarts', async () => {
      const hooks = await startReceiver();
      receivers.push(hooks);
      const { client, dataDir, phone, settled } = await linkedSession('limited', {
        reachOutLimit: { forMs: 600_000 },
        people: [{ phone: '491700000009', name: 'Dora', wrote: true }],
      });
      await client.webhooks.create.mutate({
        sessionId: 'limited',
        url: hooks.url,
        events: ['session.status'],
      });
      const pid = browserPid(sessionDir(dataDir, 'limited'));

      // The first message to someone who never wrote is taken, then refused by WhatsApp's server: 463.
      const offer = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000001',
        text: 'Offer',
      });
      const refused = await settled(offer.id, 'failed');
      expect(refused.error).toContain('error 463, reach-out limit');
      const flagged = await waitFor(async () => {
        const s = await client.sessions.byId.query({ id: 'limited' });
        return s.limited ? s : undefined;
      }, 'the limit on the session');
      expect(flagged).toMatchObject({ status: 'connected', statusReason: null });
      expect(flagged.limited!.reason).toContain('error 463');
      expect(flagged.limited!.until).toBeGreaterThan(Date.now());
      const told = await waitFor(
        () => hooks.received.find((r) => r.payload.type === 'session.status' && r.payload.data.limited),
        'the session.status webhook',
      );
      expect(told.payload.data).toMatchObject({
        status: 'connected',
        previousStatus: 'connected',
        limited: { reason: flagged.limited!.reason, until: new Date(flagged.limited!.until!).toISOString() },
      });

      // Another new contact fails at once, before anything reaches WhatsApp; the reply to Dora goes out.
      const second = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000002',
        text: 'Offer',
      });
      expect((await settled(second.id, 'failed')).error).toContain(
        'only people who wrote to it can be messaged',
      );
      const reply = await client.messages.send.mutate({
        sessionId: 'limited',
        to: '+49 170 0000009',
        text: 'Thanks!',
      });
      await settled(reply.id, 'sent');
      expect((await phone.outbox()).map((m) => m.to)).toEqual(['491700000001@c.us', '491700000009@c.us']);

      // Nothing restarted: the same browser, and no status change since connecting.
      expect(browserPid(sessionDir(dataDir, 'limited'))).toBe(pid);
      expect((await client.sessions.byId.query({ id: 'limited' })).status).toBe('connected');
      expect(
        hooks.received.filter(
          (r) => r.payload.type === 'session.status' && r.payload.data.status !== 'connected',
        ),
      ).toEqual([]);
    }, 60_000);
  },
);

// ── A server killed outright ────────────────────────────────────────────────────────────────────────────

/** The real server process with the webjs settings of this file; killed after each test. */
async function startProcess(dataDir: string, env: Record<string, string>) {
  const run = await startServerProcess(dataDir, {
    ...WEBJS_ENV,
    RECONNECT_BASE_MS: '10000',
    RECONNECT_MAX_MS: '20000',
    ...env,
  });
  processes.push(run.child);
  return run;
}

describe('a server killed with SIGKILL while a webjs browser runs', () => {
  it('ends the orphaned browser on the next start, which then proceeds normally (no "already running")', async () => {
    const proxy = await hangingProxy();
    const dataDir = newDataDir();
    dataDirs.push(dataDir);
    const dir = sessionDir(dataDir, 'crash');

    // Run 1: the browser is up, waiting on a network that hangs, when the server is killed.
    const run1 = await startProcess(dataDir, {
      WEBJS_BROWSER_ARGS: `--proxy-server=${proxy.url}`,
      WEBJS_INIT_TIMEOUT_MS: '120000',
      SESSION_START_TIMEOUT_MS: '120000',
    });
    const c1 = connect(run1.gateway, await setupAdmin(run1.gateway));
    clients.push(c1);
    void c1.sessions.create.mutate({ id: 'crash', name: 'Crash', engine: 'webjs' }).catch(() => undefined);
    const orphans = await waitFor(
      async () => {
        const pids = await chromiumProcesses(dir);
        return pids.length >= 3 && browserPid(dir) !== null ? pids : undefined;
      },
      'the browser to run',
      30_000,
    );
    const staleBrowser = browserPid(dir)!;
    run1.child.kill('SIGKILL');
    await exited(run1.child);
    expect(await isAlive(staleBrowser)).toBe(true);

    // Run 2 (offline, no proxy): restoring the session ends the orphan, then starts to the offline failure.
    const run2 = await startProcess(dataDir, {});
    const c2 = connect(run2.gateway, await signIn(run2.gateway, ADMIN.email, ADMIN.password));
    clients.push(c2);
    const failed = await waitFor(
      async () => {
        const s = await c2.sessions.byId.query({ id: 'crash' });
        return s.status === 'failed' ? s : undefined;
      },
      'the restored session to reach WhatsApp (and fail offline)',
      30_000,
    );
    expect(failed.statusReason).toMatch(/^cannot reach web\.whatsapp\.com: ERR_NAME_NOT_RESOLVED — retrying/);
    expect(run2.output()).not.toContain('already running');
    expect(await isAlive(staleBrowser)).toBe(false);
    for (const pid of orphans) expect(await isAlive(pid)).toBe(false);

    await c2.sessions.stop.mutate({ id: 'crash' });
    expect(await chromiumCount(dataDir, 'crash')).toBe(0);
    run2.child.kill('SIGTERM');
    await exited(run2.child);
  }, 90_000);
});
