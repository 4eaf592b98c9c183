/**
 * The server's refusals by their stable reason (`error.data.reason`). In English the dashboard shows the
 * server's own sentence, which can say more; these are the source the other languages translate.
 */
export default {
  auth: {
    signInRequired: 'Sign in first: this needs a logged-in user.',
    wrongCredentials: 'Wrong email or password.',
    tooManyAttempts: 'Too many sign-in attempts. Try again in {{seconds}} s.',
    keyRateLimited: 'This API key made too many requests in the last minute: try again in {{seconds}} s.',
  },
  session: {
    notFound: 'Session {{id}} not found.',
    idTaken: 'Session id "{{id}}" is already taken: choose another id.',
    notConnected: 'Session {{id}} is not connected ({{status}}).',
  },
  phone: {
    invalid: '"{{value}}" is not a valid phone number: use international form with the country code.',
  },
  url: {
    invalid: '"{{value}}" is not a URL Switchboard can post to: use a full http:// or https:// address.',
  },
  media: { tooLarge: 'The file is too large: this kind of message may be at most {{limit}}.' },
  locale: { unsupported: 'Switchboard does not speak "{{locale}}": choose one of {{supported}}.' },
  conversation: {
    assigneeCannotSee: 'That person cannot see session {{id}}: assign the conversation to someone who can.',
  },
} as const;
