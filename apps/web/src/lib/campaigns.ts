import type { CampaignStatus, PauseReason, RecipientState } from '@switchboard/validators';
import type { StatusTone } from './session-status.ts';
import type { ImportReport } from './types.ts';

export const CAMPAIGN_STATUS_META: Record<CampaignStatus, { label: string; tone: StatusTone }> = {
  draft: { label: 'Draft', tone: 'neutral' },
  scheduled: { label: 'Scheduled', tone: 'info' },
  running: { label: 'Running', tone: 'success' },
  paused: { label: 'Paused', tone: 'waiting' },
  completed: { label: 'Completed', tone: 'neutral' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const RECIPIENT_STATE_META: Record<RecipientState, { label: string; tone: StatusTone }> = {
  pending: { label: 'Waiting', tone: 'neutral' },
  sending: { label: 'Sending', tone: 'info' },
  sent: { label: 'Sent', tone: 'info' },
  delivered: { label: 'Delivered', tone: 'success' },
  read: { label: 'Read', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  opted_out: { label: 'Opted out', tone: 'waiting' },
  unknown: { label: 'Unknown', tone: 'waiting' },
};

/** The headline of a pause; the server's detail says the rest (what happened, what to do). */
export const PAUSE_REASON_LABEL: Record<PauseReason, string> = {
  operator: 'Paused by you',
  outside_hours: 'Outside sending hours',
  daily_cap: 'Daily cap reached',
  new_contact_cap: 'Cap on new contacts reached',
  disconnected: 'The account is not connected',
  failure_streak: 'Too many failures in a row',
  limited: 'WhatsApp limits the account',
  banned: 'WhatsApp banned the account',
};

export interface Counts {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  skipped: number;
  opted_out: number;
  unknown: number;
  replied: number;
}

/** How far a campaign is: recipients dealt with (sent or not) out of all of them. */
export function progressOf(counts: Counts): { done: number; total: number; percent: number } {
  const done = counts.total - counts.pending - counts.sending;
  return {
    done,
    total: counts.total,
    percent: counts.total === 0 ? 0 : Math.round((done / counts.total) * 100),
  };
}

/** Messages that reached WhatsApp (sent, delivered or read). */
export const reached = (counts: Counts) => counts.sent + counts.delivered + counts.read;

/** 95 min → "1 h 35 min", 3 days → "3 days 0 h"; under a minute: "less than a minute". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

/** The browser's time zone, the default for sending hours. */
export const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Adds up the reports of a file sent in pieces; problem lines are shifted to count from the file's start. */
export function mergeReports(reports: Array<{ report: ImportReport; rowsBefore: number }>): ImportReport {
  const total: ImportReport = { added: 0, duplicates: 0, optedOut: 0, invalid: 0, problems: [], total: 0 };
  for (const { report, rowsBefore } of reports) {
    total.added += report.added;
    total.duplicates += report.duplicates;
    total.optedOut += report.optedOut;
    total.invalid += report.invalid;
    total.total = report.total;
    for (const p of report.problems)
      if (total.problems.length < 100)
        total.problems.push({ ...p, line: p.line === null ? null : p.line + rowsBefore });
  }
  return total;
}
