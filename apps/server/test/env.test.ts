import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv, mediaLimits } from '../src/env.ts';

/** The error loadEnv refuses these variables with; fails the test if they are accepted. */
function refusal(source: Record<string, string | undefined>): EnvError {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
    throw error;
  }
  throw new Error(`Expected ${JSON.stringify(source)} to be refused`);
}

describe('loadEnv', () => {
  it('fills in the defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: resolve('./data'),
      SANDBOX_ENABLED: true,
      LOG_LEVEL: 'info',
      COOKIE_SECURE: false,
      MESSAGE_MAX_LENGTH: 4096,
      MAX_SESSIONS: 50,
      MAX_SESSIONS_PER_USER: 10,
      LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
    });
    expect(env.DATA_DIR.startsWith('/')).toBe(true);
    expect(env.ADMIN_EMAIL).toBeUndefined();
    expect(env.ADMIN_PASSWORD).toBeUndefined();
  });

  it('reads what is set, resolving DATA_DIR to an absolute path', () => {
    const env = loadEnv({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATA_DIR: 'var/switchboard',
      SANDBOX_ENABLED: 'false',
      COOKIE_SECURE: 'yes',
      ADMIN_EMAIL: 'boss@example.com',
      ADMIN_PASSWORD: 'boss-password-1',
      SANDBOX_NOT_ON_WHATSAPP: '+1 202 555 0100, +44 20 7946 0000',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      DATA_DIR: resolve('var/switchboard'),
      SANDBOX_ENABLED: false,
      COOKIE_SECURE: true,
      ADMIN_EMAIL: 'boss@example.com',
      SANDBOX_NOT_ON_WHATSAPP: ['12025550100', '442079460000'],
    });
  });

  it('treats empty strings as unset', () => {
    const env = loadEnv({
      PORT: '',
      HOST: '',
      DATA_DIR: '',
      LOG_LEVEL: '',
      SANDBOX_ENABLED: '',
      ADMIN_EMAIL: '',
      ADMIN_PASSWORD: '',
      MAX_SESSIONS: undefined,
    });
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: resolve('./data'),
      LOG_LEVEL: 'info',
    });
    expect(env.SANDBOX_ENABLED).toBe(true);
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '-1' }],
    ['PORT', { PORT: '80.5' }],
    ['SANDBOX_ENABLED', { SANDBOX_ENABLED: 'maybe' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['ADMIN_EMAIL', { ADMIN_EMAIL: 'not-an-email', ADMIN_PASSWORD: 'boss-password-1' }],
    ['ADMIN_PASSWORD', { ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: 'short' }],
    ['MAX_SESSIONS', { MAX_SESSIONS: '0' }],
    ['MESSAGE_MAX_LENGTH', { MESSAGE_MAX_LENGTH: '70000' }],
    ['RECONNECT_BASE_MS', { RECONNECT_BASE_MS: '10000', RECONNECT_MAX_MS: '1000' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'sometimes' }],
    ['TRUST_PROXY', { TRUST_PROXY: '11' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'wa.example.com' }],
    ['ALLOWED_HOSTS', { ALLOWED_HOSTS: 'wa.example.com/path' }],
    [
      'WEBHOOK_PRIVATE_FOR_OPERATORS',
      { WEBHOOK_BLOCK_PRIVATE: 'true', WEBHOOK_PRIVATE_FOR_OPERATORS: 'true' },
    ],
    ['MAX_SUBSCRIPTIONS_PER_SOCKET', { MAX_SUBSCRIPTIONS_PER_SOCKET: '0' }],
    ['MEDIA_MAX_IMAGE_MB', { MEDIA_MAX_IMAGE_MB: '0' }],
    ['MEDIA_MAX_DOCUMENT_MB', { MEDIA_MAX_DOCUMENT_MB: 'lots' }],
    ['MEDIA_FETCH_PRIVATE', { MEDIA_FETCH_PRIVATE: 'sometimes' }],
    ['WEBHOOK_THREADS', { WEBHOOK_THREADS: '0' }],
  ])('refuses a bad %s, naming it', (name, source) => {
    const error = refusal(source);
    expect(error.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'));
    expect(error.message).toContain('Invalid configuration');
  });

  it('says to set ADMIN_EMAIL and ADMIN_PASSWORD together when only one is set', () => {
    const withoutPassword = refusal({ ADMIN_EMAIL: 'boss@example.com' });
    expect(withoutPassword.message).toMatch(
      /^\s+ADMIN_PASSWORD: set ADMIN_EMAIL and ADMIN_PASSWORD together$/m,
    );
    const withoutEmail = refusal({ ADMIN_PASSWORD: 'boss-password-1' });
    expect(withoutEmail.message).toMatch(/^\s+ADMIN_EMAIL: set ADMIN_EMAIL and ADMIN_PASSWORD together$/m);
    // An empty password is no password.
    expect(refusal({ ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: '' }).message).toContain(
      'ADMIN_PASSWORD',
    );
  });

  it('reads TRUST_PROXY as a number of proxies, true and false meaning one and none', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(1);
    expect(loadEnv({ TRUST_PROXY: 'FALSE' }).TRUST_PROXY).toBe(0);
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
  });

  it('reads the hosts to answer to', () => {
    const env = loadEnv({
      PUBLIC_URL: 'https://wa.example.com',
      ALLOWED_HOSTS: ' Switchboard.internal, 10.0.0.5:8443 ',
    });
    expect(env.PUBLIC_URL).toBe('https://wa.example.com');
    expect(env.ALLOWED_HOSTS).toEqual(['switchboard.internal', '10.0.0.5:8443']);
    expect(loadEnv({}).ALLOWED_HOSTS).toEqual([]);
  });

  it('tells how to write a boolean', () => {
    expect(refusal({ SANDBOX_ENABLED: 'maybe' }).message).toContain('SANDBOX_ENABLED: use true or false');
  });

  it('names every bad variable at once, so one restart fixes them all', () => {
    const error = refusal({ PORT: 'abc', SANDBOX_ENABLED: 'maybe', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'SANDBOX_ENABLED', 'LOG_LEVEL']) expect(error.message).toContain(`${name}: `);
    expect(error.message.trim().split('\n')).toHaveLength(4);
  });

  it('caps media at WhatsApp’s own limits unless told otherwise, fractions of a megabyte allowed', () => {
    expect(mediaLimits(loadEnv({}))).toEqual({
      image: 5 * 1024 * 1024,
      video: 16 * 1024 * 1024,
      audio: 16 * 1024 * 1024,
      voice: 16 * 1024 * 1024,
      document: 100 * 1024 * 1024,
      sticker: 512 * 1024,
    });
    const env = loadEnv({ MEDIA_MAX_IMAGE_MB: '0.25', MEDIA_MAX_AUDIO_MB: '2', MEDIA_RETENTION_DAYS: '0' });
    expect(mediaLimits(env)).toMatchObject({
      image: 256 * 1024,
      audio: 2 * 1024 * 1024,
      voice: 2 * 1024 * 1024,
    });
    expect(env).toMatchObject({
      MEDIA_RETENTION_DAYS: 0,
      MEDIA_FETCH_PRIVATE: 'admins',
      MEDIA_LINK_TTL_HOURS: 24,
    });
  });

  it('ignores variables it does not know', () => {
    expect(loadEnv({ PATH: '/usr/bin', HOME: '/root', SOMETHING_ELSE: 'x' }).PORT).toBe(3000);
  });
});
