export default {
  lessThanAMinute: 'أقل من دقيقة',
  minutes: '{{minutes}} د',
  hours: '{{hours}} س',
  hoursMinutes: '{{hours}} س {{minutes}} د',
  daysHours_zero: '{{count}} يوم و{{hours}} س',
  daysHours_one: 'يوم واحد و{{hours}} س',
  daysHours_two: 'يومان و{{hours}} س',
  daysHours_few: '{{count}} أيام و{{hours}} س',
  daysHours_many: '{{count}} يومًا و{{hours}} س',
  daysHours_other: '{{count}} يوم و{{hours}} س',
} as const;
