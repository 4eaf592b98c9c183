export default {
  lessThanAMinute: 'menos de un minuto',
  minutes: '{{minutes}} min',
  hours: '{{hours}} h',
  hoursMinutes: '{{hours}} h {{minutes}} min',
  daysHours_one: '{{count}} día {{hours}} h',
  daysHours_many: '{{count}} de días {{hours}} h',
  daysHours_other: '{{count}} días {{hours}} h',
} as const;
