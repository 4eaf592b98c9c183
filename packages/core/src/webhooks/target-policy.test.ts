import { describe, expect, it } from 'vitest';
import { refusedAddress } from '../outbound/url-policy.ts';
import { targetPolicy, validateWebhookUrl } from './target-policy.ts';

const byAdmin = targetPolicy({ blockPrivate: false, privateForOperators: false }, true);
const byOperator = targetPolicy({ blockPrivate: false, privateForOperators: false }, false);
const blocked = targetPolicy({ blockPrivate: true, privateForOperators: true }, true);
const everyone = targetPolicy({ blockPrivate: false, privateForOperators: true }, false);

describe('webhook URL policy', () => {
  it('always refuses link-local, metadata, multicast, broadcast and "this host" addresses, however written', () => {
    const cases: Array<[string, RegExp]> = [
      ['http://169.254.169.254/', /link-local or cloud metadata/],
      ['http://2852039166/', /link-local or cloud metadata/],
      ['http://[::ffff:169.254.169.254]/', /link-local or cloud metadata/],
      ['http://[::169.254.169.254]/', /embeds 169\.254\.169\.254/],
      ['http://[64:ff9b::169.254.169.254]/', /embeds 169\.254\.169\.254/],
      ['http://[2002:a9fe:a9fe::]/', /embeds 169\.254\.169\.254/],
      ['http://[::ffff:0:a9fe:a9fe]/', /embeds 169\.254\.169\.254/],
      ['http://[2001:0:a9fe:a9fe::1]/', /embeds 169\.254\.169\.254/],
      ['http://[fd00:ec2::254]/', /cloud metadata/],
      ['http://[fe80::1]/', /link-local/],
      ['http://224.0.0.1/', /multicast/],
      ['http://[ff02::1]/', /multicast/],
      ['http://255.255.255.255/', /broadcast/],
      ['http://0.0.0.0:8080/', /this network/],
      ['http://[::]/', /unspecified/],
    ];
    for (const [url, why] of cases) {
      expect(() => validateWebhookUrl(url, byAdmin), url).toThrow(why);
      expect(() => validateWebhookUrl(url, everyone), url).toThrow(why);
    }
  });

  it('lets private and loopback targets through only with an admin’s say or the server-wide setting', () => {
    const privates = [
      'http://127.0.0.1:8080/x',
      'http://localhost:8080/x',
      'http://api.localhost/x',
      'http://10.1.2.3/',
      'http://[::1]/',
      'http://[::127.0.0.1]/',
      'http://[::ffff:0:7f00:1]/',
      'http://[64:ff9b::10.0.0.1]/',
      'http://[2002:c0a8:0101::1]/',
      'http://198.18.0.10/',
      'http://[fd12::1]/',
    ];
    for (const url of privates) {
      expect(validateWebhookUrl(url, byAdmin).href, url).toBe(new URL(url).href);
      expect(validateWebhookUrl(url, everyone).href, url).toBe(new URL(url).href);
      expect(() => validateWebhookUrl(url, byOperator), url).toThrow(/private or loopback.*only an admin/);
      expect(() => validateWebhookUrl(url, blocked), url).toThrow(/WEBHOOK_BLOCK_PRIVATE=true/);
    }
    expect(refusedAddress('93.184.216.34', blocked)).toBeNull();
    expect(refusedAddress('2606:4700::1111', byOperator)).toBeNull();
    expect(refusedAddress('2002:0808:0808::1', byOperator)).toBeNull();
  });

  it('accepts only http and https, without credentials', () => {
    expect(() => validateWebhookUrl('ftp://example.com/', byAdmin)).toThrow(/http or https/);
    expect(() => validateWebhookUrl('not a url', byAdmin)).toThrow(/not a valid URL/);
    expect(() => validateWebhookUrl('https://u:p@example.com/', byAdmin)).toThrow(/user name or password/);
    expect(validateWebhookUrl('https://example.com/hook', byOperator).protocol).toBe('https:');
  });
});
