/**
 * Campaigns: their states, the pacing an operator sets and the safe defaults it starts from. The server
 * enforces these and the dashboard shows the same warnings before asking.
 */

import { type Said, said } from './coded.ts';

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Campaigns that will not send again. */
export const FINISHED_CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['completed', 'cancelled'];

/**
 * One recipient's way through a campaign: `pending → sending → sent → delivered → read`, or `failed`,
 * `skipped` (not on WhatsApp), `opted_out`, `unknown` (the send may or may not have reached WhatsApp: never
 * sent again by itself).
 */
export const RECIPIENT_STATES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
  'skipped',
  'opted_out',
  'unknown',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** Why a campaign is paused. */
export const PAUSE_REASONS = [
  'operator',
  'outside_hours',
  'daily_cap',
  'new_contact_cap',
  'disconnected',
  'failure_streak',
  'limited',
  'banned',
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** Pauses that end by themselves once their cause has passed; the others wait for the operator. */
export const SELF_RESUMING_PAUSES: readonly PauseReason[] = [
  'outside_hours',
  'daily_cap',
  'new_contact_cap',
  'disconnected',
  'limited',
];

export const CAMPAIGN_NAME_MAX_LENGTH = 100;
/** Wordings of the message, one picked per recipient. */
export const MAX_VARIANTS = 5;
/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** When a campaign may send: on these weekdays, between `start` and `end` (HH:MM, end excluded), in `timeZone`. */
export interface SendingWindow {
  days: number[];
  start: string;
  end: string;
  timeZone: string;
}

export interface Pacing {
  /** A random gap between two messages from one account, never a fixed interval. */
  minGapSeconds: number;
  maxGapSeconds: number;
  /** After this many messages from one account, a longer pause (0: never). */
  batchSize: number;
  batchPauseMinutes: number;
  /** Sending hours; null sends at any time. */
  window: SendingWindow | null;
  /** Campaign messages one account sends in any 24 hours, counting all its campaigns. */
  dailyCap: number;
  /** A lower cap for accounts linked recently (see `warmupCap`). */
  warmup: boolean;
  /** First messages to people who never wrote to the account, per account in any 24 hours. */
  newContactsPerDay: number;
  /** Consecutive failed sends after which the campaign pauses. */
  failureStreak: number;
}

export const DEFAULT_WINDOW: Omit<SendingWindow, 'timeZone'> = {
  days: [1, 2, 3, 4, 5, 6],
  start: '09:00',
  end: '20:00',
};

export const DEFAULT_PACING: Pacing = {
  minGapSeconds: 30,
  maxGapSeconds: 60,
  batchSize: 50,
  batchPauseMinutes: 10,
  window: { ...DEFAULT_WINDOW, timeZone: 'UTC' },
  dailyCap: 200,
  warmup: true,
  newContactsPerDay: 100,
  failureStreak: 5,
};

/** Bounds an operator cannot go past, loosened or not. */
export const PACING_LIMITS = {
  gapSeconds: 24 * 60 * 60,
  batchSize: 10_000,
  batchPauseMinutes: 24 * 60,
  dailyCap: 100_000,
  failureStreak: 1_000,
} as const;

/**
 * The warm-up cap by days since the account was linked: young numbers that send a lot are what WhatsApp
 * bans first. Null once the account is old enough to need none.
 */
export function warmupCap(daysSinceLinked: number): number | null {
  if (daysSinceLinked < 3) return 20;
  if (daysSinceLinked < 7) return 50;
  if (daysSinceLinked < 14) return 100;
  if (daysSinceLinked < 30) return 200;
  return null;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an HH:MM time, or null. */
export function minutesOf(time: string): number | null {
  const match = TIME.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** What makes a pacing impossible, in sentences (with their codes) naming the setting; empty when usable. */
export function pacingProblems(p: Pacing): Said[] {
  const problems: Said[] = [];
  if (p.minGapSeconds < 0 || p.maxGapSeconds < p.minGapSeconds)
    problems.push(said('The longest gap must be at least the shortest gap.', 'pacing.gap_order'));
  else if (p.minGapSeconds > 0 && p.maxGapSeconds === p.minGapSeconds)
    problems.push(
      said(
        'A fixed gap is what WhatsApp spots: make the longest gap longer than the shortest.',
        'pacing.gap_fixed',
      ),
    );
  if (p.maxGapSeconds > PACING_LIMITS.gapSeconds)
    problems.push(said('Gaps can be at most a day long.', 'pacing.gap_too_long'));
  if (p.batchSize > 0 && p.batchPauseMinutes <= 0)
    problems.push(
      said('Set how many minutes to pause after each batch, or turn batches off.', 'pacing.batch_pause'),
    );
  if (p.dailyCap < 1) problems.push(said('The daily cap must be at least 1.', 'pacing.daily_cap'));
  if (p.newContactsPerDay < 0)
    problems.push(said('The cap on new contacts cannot be negative.', 'pacing.new_contacts'));
  if (p.failureStreak < 1)
    problems.push(said('Pause after at least 1 failed message in a row.', 'pacing.failure_streak'));
  if (p.window) {
    const start = minutesOf(p.window.start);
    const end = minutesOf(p.window.end);
    if (start === null || end === null)
      problems.push(said('Sending hours are times like 09:00.', 'pacing.hours_format'));
    else if (start === end)
      problems.push(said('Sending hours must not start and end at the same time.', 'pacing.hours_equal'));
    if (p.window.days.length === 0)
      problems.push(said('Choose at least one day to send on.', 'pacing.no_days'));
    if (!p.window.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7))
      problems.push(said('Days are 1 (Monday) to 7 (Sunday).', 'pacing.days_range'));
    if (!isTimeZone(p.window.timeZone))
      problems.push(
        said(`"${p.window.timeZone}" is not a known time zone.`, 'pacing.time_zone', {
          timeZone: p.window.timeZone,
        }),
      );
  }
  return problems;
}

/** Where a pacing is looser than the safe defaults: each a sentence (with its code) saying what it risks. */
export function pacingWarnings(p: Pacing): Said[] {
  const d = DEFAULT_PACING;
  const warnings: Said[] = [];
  if (p.minGapSeconds < d.minGapSeconds)
    warnings.push(
      said(
        `Gaps shorter than ${d.minGapSeconds} s between messages make the account look automated.`,
        'pacing.risk_gap',
        { seconds: d.minGapSeconds },
      ),
    );
  if (p.batchSize === 0 || p.batchSize > d.batchSize || p.batchPauseMinutes < d.batchPauseMinutes)
    warnings.push(
      said(
        `Without a pause of ${d.batchPauseMinutes} minutes every ${d.batchSize} messages, long runs look automated.`,
        'pacing.risk_batches',
        { minutes: d.batchPauseMinutes, messages: d.batchSize },
      ),
    );
  if (!p.window)
    warnings.push(
      said('Messages at night annoy people, and annoyed people report spam.', 'pacing.risk_night'),
    );
  if (p.dailyCap > d.dailyCap)
    warnings.push(
      said(`More than ${d.dailyCap} campaign messages a day risks a ban.`, 'pacing.risk_daily_cap', {
        cap: d.dailyCap,
      }),
    );
  if (!p.warmup)
    warnings.push(
      said('Young accounts that send a lot are banned first: keep the warm-up on.', 'pacing.risk_warmup'),
    );
  if (p.newContactsPerDay > d.newContactsPerDay)
    warnings.push(
      said(
        `More than ${d.newContactsPerDay} first messages a day to people who never wrote risks WhatsApp's reach-out limit.`,
        'pacing.risk_new_contacts',
        { cap: d.newContactsPerDay },
      ),
    );
  if (p.failureStreak > d.failureStreak)
    warnings.push(
      said(
        `Going on after ${d.failureStreak} failures in a row keeps hitting a problem.`,
        'pacing.risk_failures',
        {
          streak: d.failureStreak,
        },
      ),
    );
  return warnings;
}
