import { AppError, type AppErrorCode } from '@switchboard/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HTTP_STATUS } from '../errors.ts';
import { restErrorOf } from './error-body.ts';

describe('REST error answers', () => {
  it('give each domain error the status of the shared table, with its code and (but for ours) its words', () => {
    for (const [code, status] of Object.entries(HTTP_STATUS) as Array<[AppErrorCode, number]>) {
      const answer = restErrorOf(new AppError(code, 'Session sales-1 not found'));
      expect(answer, code).toMatchObject({ status, body: { code } });
      if (code !== 'INTERNAL_SERVER_ERROR') expect(answer.body.message).toBe('Session sales-1 not found');
    }
  });

  it('say how long to wait after a 429, name each bad field, and keep our own failures to a reference', () => {
    expect(
      restErrorOf(new AppError('TOO_MANY_REQUESTS', 'Slow down', { retryAfterSeconds: 30 })).body,
    ).toMatchObject({
      retryAfterSeconds: 30,
    });
    const invalid = z.object({ to: z.string() }).safeParse({ to: 5 });
    expect(restErrorOf(invalid.error)).toMatchObject({
      status: 400,
      body: { code: 'BAD_REQUEST', issues: [{ path: 'to', message: expect.any(String) }] },
    });
    const internal = restErrorOf(new Error('SQLITE_ERROR near "DROP": /var/lib/switchboard/data.db'));
    expect(internal).toMatchObject({ status: 500, body: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(internal.body.ref).toEqual(expect.any(String));
    expect(internal.body.message).toContain(internal.body.ref);
    expect(internal.body.message).not.toContain('SQLITE');
  });
});
