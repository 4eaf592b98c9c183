import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestPath } from '../src/http/request-path.ts';

const pathOf = (url: string) => requestPath({ url } as IncomingMessage);

describe('the request path', () => {
  it('is what a URL parser makes of the request target, plain or not', () => {
    const targets = [
      '/',
      '/trpc/messages.send',
      '/api/v1/messages',
      '/assets/index-3f2a.js',
      '/a/.well-known/x',
      '/a/../b',
      '/a/./b',
      '/a/..',
      '/a//b',
      '//evil.example/x',
      '/a\\b',
      '/caf%C3%A9',
      '/a?b=1',
      '/a#frag',
      '/a b',
      '/.env',
      '/a.',
    ];
    for (const target of targets)
      expect(pathOf(target), target).toBe(URL.parse(target, 'http://x')!.pathname);
  });
});
