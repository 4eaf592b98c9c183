import { describe, expect, it } from 'vitest';
import { refusedAddress, type UrlPolicy, validateUrl } from './url-policy.ts';

const open: UrlPolicy = { privateRefused: null };
const strict: UrlPolicy = { privateRefused: ' (SOME_SETTING=nobody)' };

describe('outbound URL policy', () => {
  it('names the URL it refuses, and says why private addresses are refused when they are', () => {
    expect(() => validateUrl('http://169.254.169.254/latest', open, 'Media URL')).toThrow(
      'Media URL refused: 169.254.169.254 is a link-local or cloud metadata address',
    );
    expect(() => validateUrl('http://localhost:9000/a.png', strict, 'Media URL')).toThrow(
      'Media URL refused: localhost is a private or loopback address (SOME_SETTING=nobody)',
    );
    expect(validateUrl('http://127.0.0.1:9000/a.png', open, 'Media URL').port).toBe('9000');
    expect(refusedAddress('10.1.2.3', strict)).toBe(
      '10.1.2.3 is a private or loopback address (SOME_SETTING=nobody)',
    );
    expect(() => validateUrl('file:///etc/passwd', open, 'Media URL')).toThrow(
      'Media URL must use http or https',
    );
  });
});
