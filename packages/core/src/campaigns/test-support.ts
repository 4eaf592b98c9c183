import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '@switchboard/db';
import { createSandboxEngine, type RiskOptions, type SandboxNetwork } from '@switchboard/engines/sandbox';
import {
  type CampaignStatus,
  DEFAULT_MEDIA_MAX_BYTES,
  DEFAULT_PACING,
  type Pacing,
} from '@switchboard/validators';
import { afterEach, expect, vi } from 'vitest';
import type { Actor } from '../access.ts';
import { addUser, freshUsers, seedAdmin } from '../auth/test-support.ts';
import { silentLogger } from '../logger.ts';
import { createServices, type Services } from '../services.ts';
import type { SessionView } from '../sessions/views.ts';
import { ManualClock } from '../test-support/manual-clock.ts';

/**
 * The campaign tests share this harness: a real database and services, the real sandbox engine standing in
 * for the WhatsApp network, and a clock the test moves, so days of pacing pass in milliseconds.
 */

export const code = (c: string) => expect.objectContaining({ code: c });

/** Pacing without waits, for tests about something else than waiting. */
export const BRISK: Pacing = {
  ...DEFAULT_PACING,
  minGapSeconds: 1,
  maxGapSeconds: 2,
  batchSize: 0,
  window: null,
  warmup: false,
  dailyCap: 10_000,
  newContactsPerDay: 10_000,
};

const cleanups: Array<() => Promise<void>> = [];

// Registered by every test file that imports this harness.
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A random number generator that repeats itself from the same seed (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CampaignHarness {
  db: Db;
  services: Services;
  network: SandboxNetwork;
  clock: ManualClock;
  admin: Actor;
  operator: Actor;
  other: Actor;
  /** Creates a sandbox session and links it to virtual phone `phone`; resolves once connected. */
  link(actor: Actor, name: string, phone: string): Promise<SessionView>;
  /** Lets the runner work, moving the clock from timer to timer, until the campaign is in `status`. */
  runUntil(campaignId: string, status: CampaignStatus, maxSteps?: number): Promise<void>;
  /** Lets the runner do what it can without moving the clock. */
  settle(): Promise<void>;
  /** What virtual phone `phone` received. */
  received(phone: string): string[];
  /** The server's next run on the same database (after a crash): new services, the same network. */
  restart(): Promise<Services>;
}

export async function campaignHarness(
  options: { risk?: RiskOptions; notOnWhatsApp?: string[]; start?: number; maxTextLength?: number } = {},
): Promise<CampaignHarness> {
  const { db, users } = freshUsers();
  const admin = await seedAdmin(users);
  const operator = await addUser(users, admin, 'olga@example.com', 'operator');
  const other = await addUser(users, admin, 'otto@example.com', 'operator');
  const sessionsDir = await mkdtemp(join(tmpdir(), 'switchboard-campaigns-'));
  const clock = new ManualClock(options.start);
  const { engine, network } = createSandboxEngine({
    qrRotateMs: 60_000,
    qrMaxCodes: 5,
    connectDelayMs: 0,
    deliveredDelayMs: 0,
    readDelayMs: 0,
    notOnWhatsApp: options.notOnWhatsApp ?? ['12025550100'],
    ...(options.risk ? { risk: options.risk } : {}),
    now: () => clock.now(),
  });
  const build = () =>
    createServices({
      db,
      engines: new Map([['sandbox', engine]]),
      log: silentLogger,
      clock,
      random: seeded(7),
      config: {
        sessionsDir,
        maxSessions: 20,
        maxSessionsPerUser: 20,
        startTimeoutMs: 5_000,
        stopTimeoutMs: 1_000,
        reconnectBaseMs: 20,
        reconnectMaxMs: 50,
        maxTextLength: options.maxTextLength ?? 1000,
        sendTimeoutMs: 2_000,
        loginTtlMs: 60_000,
        loginWindowMs: 60_000,
        loginMaxAttemptsPerIp: 100,
        loginMaxFailuresPerAccount: 100,
        loginMaxFailuresAcrossIps: 100,
        apiKeyRequestsPerMinute: 1200,
        resourceSampleMs: 0,
        campaignMaxRecipients: 20_000,
        media: {
          dir: join(sessionsDir, 'media'),
          limits: DEFAULT_MEDIA_MAX_BYTES,
          retentionMs: 0,
          maxTotalBytes: 0,
          fetchTimeoutMs: 1_000,
          fetchPrivate: 'admins',
          linkTtlMs: 60_000,
          publicUrl: () => 'http://gateway.test',
        },
        webhooks: {
          retryScheduleMs: [1000],
          timeoutMs: 1000,
          blockPrivate: false,
          privateForOperators: false,
        },
      },
    });
  let services = build();
  await services.lifecycle.start();
  cleanups.push(async () => {
    await services.lifecycle.stop();
    await rm(sessionsDir, { recursive: true, force: true });
  });

  const h: CampaignHarness = {
    db,
    get services() {
      return services;
    },
    network,
    clock,
    admin,
    operator,
    other,
    async link(actor, name, phone) {
      const created = await services.sessions.create(actor, { name, engine: 'sandbox' });
      const shown = await vi.waitFor(() => {
        const view = services.sessions.get(actor, created.id);
        if (!view.qr) throw new Error('no QR code yet');
        return view.qr.qr;
      });
      network.scan(shown, phone);
      return vi.waitFor(() => {
        const view = services.sessions.get(actor, created.id);
        if (view.status !== 'connected') throw new Error(`${created.id} is ${view.status}`);
        return view;
      });
    },
    async settle() {
      await services.campaignRunner.idle();
    },
    async runUntil(campaignId, status, maxSteps = 10_000) {
      for (let step = 0; step < maxSteps; step++) {
        await services.campaignRunner.idle();
        if (services.campaignQueries.get(h.admin, campaignId).status === status) return;
        if (!clock.next()) {
          // Nothing scheduled: a reply, a receipt or a reconnect may still be on its way in real time.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
      throw new Error(
        `campaign ${campaignId} did not become ${status}: ${JSON.stringify(services.campaignQueries.get(h.admin, campaignId).pause)}`,
      );
    },
    received: (phone) => network.phoneMessages(phone).map((m) => m.text),
    async restart() {
      await services.lifecycle.stop();
      services = build();
      await services.lifecycle.start();
      return services;
    },
  };
  return h;
}

/** `n` numbers of virtual phones, e.g. +49 151 5550 0001 … */
export const phones = (n: number, prefix = '49151555') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(5, '0')}`);

/** A CSV file of recipients with a name and a city. */
export const csvOf = (numbers: string[]) =>
  ['phone,name,city', ...numbers.map((p, i) => `+${p},Person ${i + 1},City ${i % 7}`)].join('\n');

/** Creates a campaign from `sessionId` to `numbers` and starts it. */
export function started(
  h: CampaignHarness,
  input: {
    sessionId?: string;
    poolId?: string;
    numbers: string[];
    pacing?: Partial<Pacing>;
    variants?: string[];
  },
): string {
  const { campaigns } = h.services;
  const draft = campaigns.create(h.operator, {
    name: 'Test campaign',
    ...(input.sessionId ? { sessionId: input.sessionId } : { poolId: input.poolId! }),
    variants: input.variants ?? [
      'Hi {{name}}, news from {{city}}.',
      'Hello {{name}}! Something new in {{city}}.',
    ],
    pacing: { ...BRISK, ...input.pacing },
  });
  campaigns.addAudience(h.operator, {
    id: draft.id,
    source: { type: 'csv', csv: csvOf(input.numbers), phoneColumn: 'phone' },
  });
  campaigns.start(h.operator, draft.id);
  return draft.id;
}
