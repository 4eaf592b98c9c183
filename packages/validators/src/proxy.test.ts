import { describe, expect, it } from 'vitest';
import { maskProxyUrl, parseProxyUrl } from './proxy.ts';

describe('parseProxyUrl', () => {
  it('takes HTTP(S) and SOCKS proxies as scheme, host and port', () => {
    expect(parseProxyUrl('http://proxy.example:3128')).toEqual({
      ok: true,
      proxy: { server: 'http://proxy.example:3128' },
    });
    expect(parseProxyUrl(' socks5://10.0.0.5:1080 ')).toEqual({
      ok: true,
      proxy: { server: 'socks5://10.0.0.5:1080' },
    });
  });

  it('keeps the credentials of an HTTP proxy apart from the server the browser is given', () => {
    expect(parseProxyUrl('https://ana:p%40ss@proxy.example:8443')).toEqual({
      ok: true,
      proxy: { server: 'https://proxy.example:8443', username: 'ana', password: 'p@ss' },
    });
  });

  it('says what is wrong with anything else', () => {
    expect(parseProxyUrl('proxy.example:3128')).toMatchObject({
      ok: false,
      error: /must start with http:\/\//,
    });
    expect(parseProxyUrl('ftp://proxy.example')).toMatchObject({ ok: false, error: /must start with/ });
    expect(parseProxyUrl('not a url')).toMatchObject({ ok: false, error: /is not a URL/ });
    expect(parseProxyUrl('http://proxy.example:3128/path')).toMatchObject({ ok: false, error: /no path/ });
    expect(parseProxyUrl('socks5://u:p@proxy.example:1080')).toMatchObject({ ok: false, error: /SOCKS/ });
    expect(parseProxyUrl('')).toMatchObject({ ok: false, error: /1 to 300 characters/ });
    expect(parseProxyUrl(`http://${'a'.repeat(300)}.example`)).toMatchObject({ ok: false });
  });
});

describe('maskProxyUrl', () => {
  it('never shows the password', () => {
    expect(maskProxyUrl('http://ana:secret@proxy.example:3128')).toBe('http://ana:***@proxy.example:3128');
    expect(maskProxyUrl('socks5://10.0.0.5:1080')).toBe('socks5://10.0.0.5:1080');
  });
});
