/** Durations the dashboard spells out itself (relative times and dates come from `Intl`). */
export default {
  lessThanAMinute: 'less than a minute',
  minutes: '{{minutes}} min',
  hours: '{{hours}} h',
  hoursMinutes: '{{hours}} h {{minutes}} min',
  daysHours_one: '{{count}} day {{hours}} h',
  daysHours_other: '{{count}} days {{hours}} h',
} as const;
