import { describe, expect, it } from 'vitest';
import { refusedAddress, validateWebhookUrl } from './url-policy.ts';

const open = { blockPrivate: false };
const strict = { blockPrivate: true };

describe('webhook URL policy', () => {
  it('always refuses link-local and metadata addresses, however they are written', () => {
    for (const url of [
      'http://169.254.169.254/',
      'http://2852039166/',
      'http://[::ffff:169.254.169.254]/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
    ])
      expect(() => validateWebhookUrl(url, open), url).toThrow(/link-local or cloud metadata/);
  });

  it('allows private and loopback targets unless blockPrivate is set', () => {
    expect(validateWebhookUrl('http://127.0.0.1:8080/x', open).host).toBe('127.0.0.1:8080');
    expect(refusedAddress('10.1.2.3', strict)).toMatch(/private/);
    expect(refusedAddress('::1', strict)).toMatch(/private/);
    expect(refusedAddress('93.184.216.34', strict)).toBeNull();
  });

  it('accepts only http and https', () => {
    expect(() => validateWebhookUrl('ftp://example.com/', open)).toThrow(/http or https/);
    expect(() => validateWebhookUrl('not a url', open)).toThrow(/not a valid URL/);
    expect(validateWebhookUrl('https://example.com/hook', open).protocol).toBe('https:');
  });
});
