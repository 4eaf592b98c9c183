import { formatPhone as internationalPhone } from '@switchboard/validators';
import { currentLocale, i18n } from '../i18n/i18n.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The `Intl` locale for the dashboard's language. Arabic keeps Western digits: phone numbers, ids and
 * counts then read alike everywhere on a page (the way WhatsApp's own Arabic interface shows numbers).
 */
function intlLocale(): string {
  const locale = currentLocale();
  return locale === 'ar' ? 'ar-u-nu-latn' : locale;
}

// Made once per language: creating a formatter costs far more than formatting, and long lists format on
// every row.
type Formatter = Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat;
const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(name: string, make: (locale: string) => T): T {
  const locale = intlLocale();
  const key = `${locale}|${name}`;
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make(locale);
    cache.set(key, formatter);
  }
  return formatter;
}

const relative = () => cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));

/**
 * "just now", "5 minutes ago", "3 hours ago", "yesterday", then the date — in the dashboard's language. For
 * past moments: a time slightly ahead of `now` (a clock that ticks only every few seconds, or a server clock
 * a little ahead) still reads "just now".
 */
export function formatRelative(at: number, now: number): string {
  const diff = now - at;
  if (diff < -MINUTE) return formatDateTime(at);
  if (diff < 45_000) return i18n.t('common.time.justNow');
  if (diff < HOUR) return relative().format(-Math.round(diff / MINUTE), 'minute');
  if (diff < DAY) return relative().format(-Math.round(diff / HOUR), 'hour');
  if (diff < 7 * DAY) return relative().format(-Math.max(1, Math.floor(diff / DAY)), 'day');
  return formatDate(at);
}

export function formatDate(at: number): string {
  return cached('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(at);
}

export function formatDateTime(at: number): string {
  return cached(
    'dateTime',
    (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' }),
  ).format(at);
}

/** "2:30 PM" on the day of `now`, "Jan 6, 2:30 PM" on another: a moment near enough to need no year. */
export function formatMoment(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay
    ? cached('clock', (l) => new Intl.DateTimeFormat(l, { timeStyle: 'short' })).format(at)
    : cached(
        'moment',
        (l) =>
          new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
      ).format(at);
}

/** Clock time with seconds, for event logs where order within a minute matters. */
export function formatTime(at: number): string {
  return cached(
    'time',
    (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
  ).format(at);
}

/** A count as people read it: "1,234" (or "1.234" in Portuguese). */
export function formatCount(n: number): string {
  return cached('number', (l) => new Intl.NumberFormat(l)).format(n);
}

/** A share from 0 to 1 as a percentage with at most one decimal: "97.4%" (or "97,4 %"). */
export function formatPercent(share: number): string {
  return cached(
    'percent',
    (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 }),
  ).format(share);
}

/** A calendar date the server names as `YYYY-MM-DD` (already in the right time zone): "Nov 30". */
export function formatDay(date: string): string {
  return cached(
    'day',
    (l) => new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', timeZone: 'UTC' }),
  ).format(Date.parse(`${date}T00:00:00Z`));
}

// Parsing a number against the numbering plans costs tens of microseconds, and lists show the same numbers
// on every render (a thread's contact, an account in every picker, each row a live update touches): each
// number is formatted once. The form is the same in every language, so the cache outlives a switch.
const PHONES_KEPT = 20_000;
const phones = new Map<string, string>();

/**
 * A phone number in international form ("+49 1512 3456789"). It stays the same in every language — digits
 * and the "+" in front are what people dial — and is shown left to right (see `<Phone>`).
 */
export function formatPhone(digits: string): string {
  let formatted = phones.get(digits);
  if (formatted === undefined) {
    // Bounded: a long session of scrolling through contacts must not grow it for good.
    if (phones.size >= PHONES_KEPT) phones.clear();
    formatted = internationalPhone(digits);
    phones.set(digits, formatted);
  }
  return formatted;
}

/**
 * A phone number to put inside a sentence: isolated as left-to-right text (Unicode LRI … PDI), so that in
 * Arabic the "+" stays in front and the digit groups keep their order. Left-to-right marks inside the
 * isolate do the same where isolates are not understood — the pickers some systems draw for a native
 * `<select>`, where `<bdi>` cannot go either.
 */
export function phoneInText(digits: string): string {
  return `\u2066\u200e${formatPhone(digits)}\u200e\u2069`;
}

/** ["Sales", "Support", "Ops"] → "Sales, Support and Ops" (or "Sales، Support وOps"). */
export function formatList(items: readonly string[]): string {
  return cached('list', (l) => new Intl.ListFormat(l, { type: 'conjunction' })).format(items);
}

/** 1 (Monday) … 7 (Sunday) → "Mon", "seg.", "الاثنين": the short name of a weekday in the dashboard's language. */
export function weekdayName(isoDay: number): string {
  // 2024-01-01 was a Monday; noon UTC is the same date in every time zone the browser may be in.
  return cached('weekday', (l) => new Intl.DateTimeFormat(l, { weekday: 'short', timeZone: 'UTC' })).format(
    Date.UTC(2024, 0, isoDay, 12),
  );
}

/** Whole seconds until `deadline`, never negative. */
export function secondsUntil(deadline: number, now: number): number {
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/** 75 → "1:15", 9 → "0:09". */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "ABCDEFGH" → "ABCD-EFGH", the way WhatsApp shows pairing codes. */
export function formatPairingCode(code: string): string {
  const clean = code.replace(/[\s-]/g, '').toUpperCase();
  return clean.length === 8 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/** Initials for an avatar: "Ada Lovelace" → "AL", "ops@example.com" → "O". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/[\s._@-]+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const second = words.length > 1 ? (words[1]?.[0] ?? '') : '';
  return (first + second).toUpperCase();
}

/** A log line's time: to the second today, with the date on another day. */
export function formatLogTime(at: number, now: number): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? formatTime(at) : formatDateTime(at);
}
