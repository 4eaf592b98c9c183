import { resolve } from 'node:path';
import { DEFAULT_RETRY_SCHEDULE_MS, LOG_LEVELS } from '@switchboard/core';
import { DEFAULT_RISK } from '@switchboard/engines/sandbox';
import { DEFAULT_WEB_VERSION_URL, WEB_VERSION_PATTERN } from '@switchboard/engines/webjs';
import { DEFAULT_MEDIA_MAX_BYTES, type MediaType } from '@switchboard/validators';
import { z } from 'zod';

/**
 * Every setting Switchboard reads from the environment, with its default. This is the only file that
 * reads `process.env`; a bad value stops start-up with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/** How many reverse proxies stand in front; true/yes mean 1, false/no 0. */
const proxyHops = z
  .string()
  .transform((v) => v.trim().toLowerCase())
  .transform((v) => (v === 'true' || v === 'yes' ? 1 : v === 'false' || v === 'no' ? 0 : Number(v)))
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= 10, {
    message: 'use the number of reverse proxies in front (0-10), or true (1) / false (0)',
  });
const ms = int(0, 24 * 60 * 60 * 1000);
/** Comma-separated delays in ms, e.g. 5000,30000,120000. */
const msList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number),
  )
  .refine(
    (list) => list.length > 0 && list.every((n) => Number.isInteger(n) && n >= 0 && n <= 24 * 60 * 60 * 1000),
    {
      message: 'use comma-separated whole milliseconds (each at most a day), e.g. 5000,30000,120000',
    },
  );
const phoneList = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.replace(/\D/g, ''))
    .filter(Boolean),
);
/** Comma-separated host names, each optionally with a port: example.com,10.0.0.5:3000. */
const hostList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((list) => list.every((h) => URL.parse(`http://${h}`)?.host === h.replace(/:(80)?$/, '')), {
    message: 'use comma-separated host names, optionally with a port, e.g. wa.example.com,10.0.0.5:3000',
  });
/** Megabytes, fractions allowed (0.5 = 512 KB). */
const megabytes = z.coerce.number().positive().max(2048);
const MB = 1024 * 1024;
/** Whitespace-separated command-line flags. */
const flagList = z.string().transform((v) => v.split(/\s+/).filter(Boolean));

const schema = z
  .object({
    PORT: int(0, 65535).default(3000),
    /** Loopback by default: set 0.0.0.0 to serve other machines (put TLS in front). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Where users reach Switchboard (e.g. https://wa.example.com): its host is accepted, its scheme expected, and it is the base of the signed media links in webhooks. */
    PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    /** More host names this server answers to, besides loopback, HOST and PUBLIC_URL's. */
    ALLOWED_HOSTS: hostList.default([]),
    DATA_DIR: z.string().min(1).default('./data'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    /** Creates this admin on first start when no user exists yet (both or neither). */
    ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(8, { message: 'must be at least 8 characters' }).optional(),
    /** Mark the login cookie Secure: set true when the dashboard is served over HTTPS. */
    COOKIE_SECURE: bool.default(false),
    /**
     * Reverse proxies in front whose X-Forwarded-For entries are trusted for the client IP (login limits):
     * the client is the entry that many from the right.
     */
    TRUST_PROXY: proxyHops.default(0),
    LOGIN_TTL_DAYS: int(1, 365).default(30),
    LOGIN_MAX_ATTEMPTS_PER_IP: int(1, 10_000).default(30),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1000).default(5),
    LOGIN_MAX_FAILURES_ACROSS_IPS: int(1, 10_000).default(20),
    LOGIN_WINDOW_MINUTES: int(1, 24 * 60).default(15),
    /** Live streams (subscriptions) one WebSocket may hold at once. */
    MAX_SUBSCRIPTIONS_PER_SOCKET: int(1, 10_000).default(50),
    /** WebSockets one sign-in may hold open at once (a dashboard tab uses one). */
    MAX_SOCKETS_PER_LOGIN: int(1, 10_000).default(10),
    /** Requests (calls, streams opened, sandbox requests) one API key may make per minute; past it: 429. */
    API_KEY_REQUESTS_PER_MINUTE: int(1, 1_000_000).default(1200),
    MAX_SESSIONS: int(1, 10_000).default(50),
    MAX_SESSIONS_PER_USER: int(1, 10_000).default(10),
    SESSION_START_TIMEOUT_MS: ms.default(60_000),
    SESSION_STOP_TIMEOUT_MS: ms.default(15_000),
    RECONNECT_BASE_MS: ms.default(2_000),
    RECONNECT_MAX_MS: ms.default(5 * 60_000),
    MESSAGE_MAX_LENGTH: int(1, 65_536).default(4096),
    SEND_TIMEOUT_MS: ms.default(30_000),
    /** Most recipients one campaign may have. */
    CAMPAIGN_MAX_RECIPIENTS: int(1, 1_000_000).default(100_000),
    SANDBOX_ENABLED: bool.default(true),
    SANDBOX_QR_ROTATE_MS: ms.default(20_000),
    SANDBOX_QR_MAX_CODES: int(1, 100).default(5),
    SANDBOX_CONNECT_DELAY_MS: ms.default(300),
    SANDBOX_DELIVERED_DELAY_MS: ms.default(1_000),
    SANDBOX_READ_DELAY_MS: ms.default(3_000),
    /** Comma-separated numbers the sandbox treats as not on WhatsApp. */
    SANDBOX_NOT_ON_WHATSAPP: phoneList.default(['12025550100']),
    /** The sandbox's account-risk model: accounts that send like a spammer get limited, then banned. */
    SANDBOX_RISK_MODEL: bool.default(true),
    SANDBOX_RISK_MAX_PER_MINUTE: int(1, 100_000).default(DEFAULT_RISK.maxPerMinute),
    SANDBOX_RISK_NEW_CONTACTS_PER_HOUR: int(1, 1_000_000).default(DEFAULT_RISK.newContactsPerHour),
    /** Sends in a row at the same interval that count as robotic; 0 turns that check off. */
    SANDBOX_RISK_FIXED_INTERVAL_SENDS: int(0, 1000).default(DEFAULT_RISK.fixedIntervalSends),
    SANDBOX_RISK_LIMIT_MINUTES: int(1, 7 * 24 * 60).default(DEFAULT_RISK.limitMs / 60_000),
    SANDBOX_RISK_REFUSALS_PER_STRIKE: int(1, 10_000).default(DEFAULT_RISK.refusalsPerStrike),
    SANDBOX_RISK_STRIKES_TO_BAN: int(1, 100).default(DEFAULT_RISK.strikesToBan),
    /** The WhatsApp Web engine (real accounts, one Chromium per session). */
    WEBJS_ENABLED: bool.default(true),
    /** The Chrome/Chromium to drive; unset: the usual install locations, then puppeteer's cache. */
    CHROME_PATH: z.string().min(1).optional(),
    /** false shows the browser windows (needs a display); only useful to watch what WhatsApp Web does. */
    WEBJS_HEADLESS: bool.default(true),
    /**
     * How long WhatsApp Web may take to load before the start fails (and is retried). Below
     * SESSION_START_TIMEOUT_MS by default, so a hanging network is reported as what it is.
     */
    WEBJS_INIT_TIMEOUT_MS: ms.default(50_000),
    /** Pin the WhatsApp Web version (e.g. 2.3000.1017054665) — the usual fix when a WhatsApp update breaks sessions. */
    WEBJS_WEB_VERSION: z
      .string()
      .regex(WEB_VERSION_PATTERN, { message: 'must be a WhatsApp Web version such as 2.3000.1017054665' })
      .optional(),
    /** Where a pinned version not yet saved under DATA_DIR/wweb-cache is downloaded from. */
    WEBJS_WEB_VERSION_URL: z
      .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
      .refine((v) => v.includes('{version}'), { message: 'must contain {version}' })
      .default(DEFAULT_WEB_VERSION_URL),
    /** Extra Chromium flags, separated by spaces (e.g. --proxy-server=http://proxy:3128). */
    WEBJS_BROWSER_ARGS: flagList.default([]),
    /** Delays between webhook attempts; after the last one a delivery is failed (kept for replay). */
    WEBHOOK_RETRY_SCHEDULE_MS: msList.default(DEFAULT_RETRY_SCHEDULE_MS),
    /** A webhook endpoint that has not answered by then counts as a failed attempt. */
    WEBHOOK_TIMEOUT_MS: int(1, 5 * 60_000).default(10_000),
    /** Refuse private and loopback webhook targets for everyone, admins too (link-local and metadata: always). */
    WEBHOOK_BLOCK_PRIVATE: bool.default(false),
    /** Let operators' endpoints reach private and loopback targets too, not only those an admin set. */
    WEBHOOK_PRIVATE_FOR_OPERATORS: bool.default(false),
    /**
     * Worker threads delivering webhooks side by side, each endpoint always on the same one. One by default:
     * on two busy cores a second thread cost more CPU per delivery than it gained (see the README).
     */
    WEBHOOK_THREADS: int(1, 16).default(1),
    /** Size caps per message type (WhatsApp's own limits by default); MEDIA_MAX_AUDIO_MB covers voice notes. */
    MEDIA_MAX_IMAGE_MB: megabytes.default(DEFAULT_MEDIA_MAX_BYTES.image / MB),
    MEDIA_MAX_VIDEO_MB: megabytes.default(DEFAULT_MEDIA_MAX_BYTES.video / MB),
    MEDIA_MAX_AUDIO_MB: megabytes.default(DEFAULT_MEDIA_MAX_BYTES.audio / MB),
    MEDIA_MAX_DOCUMENT_MB: megabytes.default(DEFAULT_MEDIA_MAX_BYTES.document / MB),
    MEDIA_MAX_STICKER_MB: megabytes.default(DEFAULT_MEDIA_MAX_BYTES.sticker / MB),
    /** Session history (the timeline and the event monitor) older than this is removed; 0 keeps it. */
    HISTORY_RETENTION_DAYS: int(0, 36_500).default(30),
    /** The oldest history entries of a session are removed past this many; 0 for no cap. */
    HISTORY_MAX_PER_SESSION: int(0, 10_000_000).default(1000),
    /** Stored media older than this is removed (its messages say so); 0 keeps it. */
    MEDIA_RETENTION_DAYS: int(0, 36_500).default(30),
    /** The oldest media is removed while all of it takes more; 0 for no cap. */
    MEDIA_MAX_TOTAL_MB: int(0, 100_000_000).default(10_240),
    /** How long fetching a media URL, or downloading a received file from WhatsApp, may take. */
    MEDIA_FETCH_TIMEOUT_MS: int(1, 10 * 60_000).default(60_000),
    /** Who may have media fetched from private and loopback addresses. */
    MEDIA_FETCH_PRIVATE: z.enum(['nobody', 'admins', 'everyone']).default('admins'),
    /** How long the signed download links in webhook payloads work. */
    MEDIA_LINK_TTL_HOURS: int(1, 24 * 365).default(24),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together',
      });
    }
    if (env.WEBHOOK_BLOCK_PRIVATE && env.WEBHOOK_PRIVATE_FOR_OPERATORS) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_PRIVATE_FOR_OPERATORS'],
        message:
          'contradicts WEBHOOK_BLOCK_PRIVATE=true (which refuses private targets for everyone): set one',
      });
    }
    if (env.RECONNECT_BASE_MS > env.RECONNECT_MAX_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['RECONNECT_BASE_MS'],
        message: 'must not exceed RECONNECT_MAX_MS',
      });
    }
  });

export type Env = z.infer<typeof schema> & { DATA_DIR: string };

/** The media size caps in bytes, per message type. */
export function mediaLimits(env: Env): Record<MediaType, number> {
  const bytes = (mb: number) => Math.floor(mb * MB);
  return {
    image: bytes(env.MEDIA_MAX_IMAGE_MB),
    video: bytes(env.MEDIA_MAX_VIDEO_MB),
    audio: bytes(env.MEDIA_MAX_AUDIO_MB),
    voice: bytes(env.MEDIA_MAX_AUDIO_MB),
    document: bytes(env.MEDIA_MAX_DOCUMENT_MB),
    sticker: bytes(env.MEDIA_MAX_STICKER_MB),
  };
}

export class EnvError extends Error {}

/** Parses the given variables (process.env by default); throws EnvError naming each bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, DATA_DIR: resolve(result.data.DATA_DIR) };
}
