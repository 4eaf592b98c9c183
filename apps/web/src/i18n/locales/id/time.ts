export default {
  lessThanAMinute: 'kurang dari semenit',
  minutes: '{{minutes}} mnt',
  hours: '{{hours}} j',
  hoursMinutes: '{{hours}} j {{minutes}} mnt',
  daysHours_other: '{{count}} hari {{hours}} j',
} as const;
