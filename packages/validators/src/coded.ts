import type { ErrorParams } from './error-reason.ts';

/**
 * What the server says about a session, a message, a campaign or an imported row, as a stable code with the
 * values it names — stored and sent beside the English sentence API clients read (`statusReason` →
 * `statusReasonCoded`, `error` → `errorCoded`, …), so the dashboard can say it in the operator's language.
 * Codes are only ever added, never renamed. `text` carries words with no code of their own (an engine's or
 * a library's message) as `params.text`.
 */
export const CODED_REASONS = [
  'text',
  // A session's status reason.
  'session.engine_disabled',
  'session.engine_create_failed',
  'session.start_timeout',
  'session.link_timeout',
  'session.retrying',
  'session.logged_out',
  'session.server_restarted',
  'session.server_shut_down',
  'session.qr_not_scanned',
  'session.sandbox_drop',
  'session.phone_unlinked',
  'session.device_removed',
  'session.blocked',
  'session.sandbox_banned',
  'session.version_deprecated',
  'session.conflict',
  'session.network_refused',
  'session.disconnected',
  'session.not_ready',
  'session.login_rejected',
  'session.browser_closed',
  'session.page_crashed',
  'session.no_browser',
  'session.unreachable',
  'session.web_load_timeout',
  'session.web_not_started',
  'session.web_version_unloadable',
  'session.profile_in_use',
  'session.browser_not_started',
  'session.browser_closed_loading',
  // A message's error.
  'message.not_connected',
  'message.not_on_whatsapp',
  'message.no_lid',
  'message.reach_out_limited',
  'message.send_error',
  'message.timeout',
  'message.no_id',
  'message.reported_failed',
  'message.server_stopped',
  'message.opted_out',
  'message.interrupted',
  // Why a campaign paused, in detail.
  'campaign.operator',
  'campaign.account_banned',
  'campaign.account_down',
  'campaign.account_limited',
  'campaign.outside_hours',
  'campaign.daily_cap',
  'campaign.new_contact_cap',
  'campaign.failure_streak',
  'campaign.no_account',
  'campaign.same_wording',
  // Why an account needs attention on the Overview, when its status says no more.
  'attention.failed',
  'attention.logged_out',
  'attention.stuck',
  'attention.limited',
  // A row of an imported list that was left out.
  'import.no_phone',
  'import.not_a_phone',
  'import.invalid_phone',
  // A template, a tag or a pacing that cannot be used, and what a pacing risks.
  'template.empty',
  'template.unnamed',
  'template.unclosed',
  'tag.empty',
  'tag.too_long',
  'tag.characters',
  'pacing.gap_order',
  'pacing.gap_fixed',
  'pacing.gap_too_long',
  'pacing.batch_pause',
  'pacing.daily_cap',
  'pacing.new_contacts',
  'pacing.failure_streak',
  'pacing.hours_format',
  'pacing.hours_equal',
  'pacing.no_days',
  'pacing.days_range',
  'pacing.time_zone',
  'pacing.risk_gap',
  'pacing.risk_batches',
  'pacing.risk_night',
  'pacing.risk_daily_cap',
  'pacing.risk_warmup',
  'pacing.risk_new_contacts',
  'pacing.risk_failures',
] as const;
export type CodedReason = (typeof CODED_REASONS)[number];

/** A code, its values, and the code of what it wraps (a retry wraps why the last attempt failed). */
export interface Coded {
  reason: CodedReason;
  params: ErrorParams;
  cause?: { reason: CodedReason; params: ErrorParams };
}

/** Words with their code: what a service stores and sends. */
export interface Said {
  text: string;
  coded: Coded;
}

export const coded = (reason: CodedReason, params: ErrorParams = {}): Coded => ({ reason, params });

/** English words kept as they are, for where nothing better is known. */
export const plainText = (text: string): Said => ({ text, coded: coded('text', { text }) });

/** The sentence with its code, built in one expression where the English is written. */
export const said = (text: string, reason: CodedReason, params: ErrorParams = {}): Said => ({
  text,
  coded: coded(reason, params),
});

/** The same code with more values. */
export const withParams = (base: Coded, params: ErrorParams): Coded => ({
  ...base,
  params: { ...base.params, ...params },
});
