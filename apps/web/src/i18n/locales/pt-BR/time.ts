export default {
  lessThanAMinute: 'menos de um minuto',
  minutes: '{{minutes}} min',
  hours: '{{hours}} h',
  hoursMinutes: '{{hours}} h {{minutes}} min',
  daysHours_one: '{{count}} dia {{hours}} h',
  daysHours_many: '{{count}} de dias {{hours}} h',
  daysHours_other: '{{count}} dias {{hours}} h',
} as const;
