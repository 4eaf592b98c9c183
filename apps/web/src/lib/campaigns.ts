import type { CampaignStatus, PauseReason, RecipientState } from '@switchboard/validators';
import { i18n } from '../i18n/i18n.ts';
import { formatCount } from './format.ts';
import type { StatusTone } from './session-status.ts';
import type { ImportReport } from './types.ts';

export const CAMPAIGN_STATUS_META: Record<CampaignStatus, { label: string; tone: StatusTone }> = {
  draft: {
    get label() {
      return i18n.t('campaigns.status.draft');
    },
    tone: 'neutral',
  },
  scheduled: {
    get label() {
      return i18n.t('campaigns.status.scheduled');
    },
    tone: 'info',
  },
  running: {
    get label() {
      return i18n.t('campaigns.status.running');
    },
    tone: 'success',
  },
  paused: {
    get label() {
      return i18n.t('campaigns.status.paused');
    },
    tone: 'waiting',
  },
  completed: {
    get label() {
      return i18n.t('campaigns.status.completed');
    },
    tone: 'neutral',
  },
  cancelled: {
    get label() {
      return i18n.t('campaigns.status.cancelled');
    },
    tone: 'neutral',
  },
};

export const RECIPIENT_STATE_META: Record<RecipientState, { label: string; tone: StatusTone }> = {
  pending: {
    get label() {
      return i18n.t('campaigns.recipientState.pending');
    },
    tone: 'neutral',
  },
  sending: {
    get label() {
      return i18n.t('campaigns.recipientState.sending');
    },
    tone: 'info',
  },
  sent: {
    get label() {
      return i18n.t('campaigns.recipientState.sent');
    },
    tone: 'info',
  },
  delivered: {
    get label() {
      return i18n.t('campaigns.recipientState.delivered');
    },
    tone: 'success',
  },
  read: {
    get label() {
      return i18n.t('campaigns.recipientState.read');
    },
    tone: 'success',
  },
  failed: {
    get label() {
      return i18n.t('campaigns.recipientState.failed');
    },
    tone: 'danger',
  },
  skipped: {
    get label() {
      return i18n.t('campaigns.recipientState.skipped');
    },
    tone: 'neutral',
  },
  opted_out: {
    get label() {
      return i18n.t('campaigns.recipientState.opted_out');
    },
    tone: 'waiting',
  },
  unknown: {
    get label() {
      return i18n.t('campaigns.recipientState.unknown');
    },
    tone: 'waiting',
  },
};

/** The headline of a pause; the server's detail says the rest (what happened, what to do). */
export function pauseReasonLabel(reason: PauseReason): string {
  return i18n.t(`campaigns.pauseReason.${reason}`);
}

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
  if (minutes < 1) return i18n.t('time.lessThanAMinute');
  if (minutes < 60) return i18n.t('time.minutes', { minutes: formatCount(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 48)
    return minutes % 60 === 0
      ? i18n.t('time.hours', { hours: formatCount(hours) })
      : i18n.t('time.hoursMinutes', { hours: formatCount(hours), minutes: formatCount(minutes % 60) });
  return i18n.t('time.daysHours', { count: Math.floor(hours / 24), hours: formatCount(hours % 24) });
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
