/** What a form says about a value it cannot take, before the server is asked. */
export default {
  atMost_one: 'At most {{count}} character.',
  atMost_other: 'At most {{count}} characters.',
  atLeast_one: 'At least {{count}} character.',
  atLeast_other: 'At least {{count}} characters.',
  enterName: 'Enter a name.',
  enterEmail: 'Enter an email address.',
  emailShape: 'Enter an email address like name@example.com.',
  sessionId: {
    empty: 'Enter an id (used in the API and as the folder name).',
    uppercase: 'Use lowercase letters only.',
    start: 'Start with a letter or a digit.',
    characters: 'Only lowercase letters, digits, "-" and "_".',
    taken: 'A session with the id "{{id}}" already exists.',
  },
  phone: {
    letters: 'Use digits only, e.g. +49 151 23456789.',
    too_short: 'Too short: include the country code, e.g. +49 151 23456789.',
    shape: 'Use international form with the country code, e.g. +49 151 23456789.',
    invalid: 'Not a valid number: check the country code and the number of digits.',
  },
  place: {
    shape: 'Write the latitude and the longitude in degrees, e.g. 52.5219, 13.4132.',
    latitude: 'The latitude (the first number) must be between -90 and 90.',
    longitude: 'The longitude (the second number) must be between -180 and 180.',
  },
  url: {
    empty: 'Enter the URL the events are posted to.',
    scheme: 'The URL must start with http:// or https://.',
    shape: 'Enter a full URL, such as https://example.com/hooks/whatsapp.',
  },
  file: {
    empty: 'The file is empty.',
    tooLarge: '{{size}} is more than a {{type}} may be ({{limit}}).',
    asDocument: 'Send it as a document.',
  },
  messageTooLong_one: '{{count}} character over the limit of {{max}}.',
  messageTooLong_other: '{{count}} characters over the limit of {{max}}.',
} as const;
