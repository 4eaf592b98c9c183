import type { AppRouter } from '@switchboard/api';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type Client,
  connect,
  createLinked,
  setupAdmin,
  signIn,
  startTestGateway,
} from './support/harness.ts';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The sandbox's default "not on WhatsApp" number (SANDBOX_NOT_ON_WHATSAPP). */
const NOT_ON_WHATSAPP = '12025550100';

async function linkedDesk() {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  const admin = connect(g, cookie);
  cleanups.push(() => admin.close());
  const desk = await createLinked(g, cookie, admin, 'Front desk', '4915112340077');
  return { g, admin, desk };
}

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const e = error as TRPCClientError<AppRouter>;
    return { code: e.data?.code, message: e.message };
  }
  throw new Error('Expected the call to be refused, but it succeeded');
}

const check = (client: Client, id: string, phones: string[]) =>
  client.sessions.checkNumbers.mutate({ id, phones });

describe('checking a list of numbers on WhatsApp', () => {
  it('answers each line in order: on WhatsApp, not on it, or what is wrong with it', async () => {
    const { admin, desk } = await linkedDesk();
    const lines = await check(admin, desk.id, [
      '+49 151 2345 6789',
      `+${NOT_ON_WHATSAPP}`,
      'call me',
      '+4915123456789',
    ]);

    expect(lines.map(({ input, phone, onWhatsApp }) => ({ input, phone, onWhatsApp }))).toEqual([
      { input: '+49 151 2345 6789', phone: '4915123456789', onWhatsApp: true },
      { input: `+${NOT_ON_WHATSAPP}`, phone: NOT_ON_WHATSAPP, onWhatsApp: false },
      { input: 'call me', phone: null, onWhatsApp: null },
      { input: '+4915123456789', phone: '4915123456789', onWhatsApp: true },
    ]);
    expect(lines[0]).toMatchObject({ chatId: '4915123456789@c.us', problem: null, problemCoded: null });
    expect(lines[2]?.problem).toMatch(/"call me" is not a phone number/);
    expect(lines[2]?.problemCoded).toMatchObject({
      reason: 'import.not_a_phone',
      params: { value: 'call me' },
    });
  });

  it('refuses more than 100 numbers, or none, with a clear error', async () => {
    const { admin, desk } = await linkedDesk();
    const many = Array.from({ length: 101 }, (_, i) => `+4915112${String(i).padStart(5, '0')}`);
    expect(await refusal(check(admin, desk.id, many))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Check at most 100 numbers at once'),
    });
    expect(await refusal(check(admin, desk.id, []))).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Give at least one number to check'),
    });
    expect(await check(admin, desk.id, many.slice(0, 100))).toHaveLength(100);
  });

  it("answers NOT_FOUND for another user's session exactly as for a missing one", async () => {
    const { g, admin, desk } = await linkedDesk();
    await admin.users.create.mutate({ email: 'olga@example.com', name: 'Olga', password: 'user-password-1' });
    const olga = connect(g, await signIn(g, 'olga@example.com', 'user-password-1'));
    cleanups.push(() => olga.close());

    for (const id of [desk.id, 'ghost']) {
      expect(await refusal(check(olga, id, ['+4915123456789', 'not a number']))).toEqual({
        code: 'NOT_FOUND',
        message: `Session ${id} not found`,
      });
    }
  });

  it('says the session must be connected before it can check', async () => {
    const { admin, desk } = await linkedDesk();
    await admin.sessions.stop.mutate({ id: desk.id });
    expect(await refusal(check(admin, desk.id, ['+4915123456789']))).toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });
});
