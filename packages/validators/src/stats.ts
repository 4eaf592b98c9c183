/** How many days of message figures one request may ask for, and what it gets when it names none. */
export const STATS_DEFAULT_DAYS = 30;
export const STATS_MAX_DAYS = 90;

/**
 * Whether `zone` is an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). Asked of `Intl` itself,
 * so the server and the browser agree with the formatting they will do with it.
 */
export function isValidTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
