import { describe, expect, it } from 'vitest';
import { createLinked, rest } from './support/harness.ts';
import { gateway, operator, refusal } from './support/refusals.ts';

// Account rows are remembered between requests (see account-rows.ts): a change of owner, or the account or
// its owner going, must be seen by the very next request, over tRPC and REST alike.

const send = { to: '+14155550101', text: 'still mine?' };

describe('a change to an account takes effect on the very next request', () => {
  it('refuses the old owner at once after a transfer, and everyone after a delete', async () => {
    const { g, admin } = await gateway();
    const olga = await operator(g, admin);
    const desk = await createLinked(g, olga.cookie, olga.client, 'Front desk', '4915112340021');
    const { secret } = await olga.client.apiKeys.create.mutate({ name: 'crm', scopes: ['messages:send'] });
    // Read (and remembered) through both ways in first.
    await olga.client.messages.send.mutate({ sessionId: desk.id, ...send });
    expect((await rest(g, secret, 'POST', '/v1/messages', { sessionId: desk.id, ...send })).status).toBe(200);

    const me = await admin.auth.me.query();
    await admin.sessions.transfer.mutate({ id: desk.id, ownerId: me.user!.id });
    const notFound = { code: 'NOT_FOUND', httpStatus: 404, message: `Session ${desk.id} not found` };
    expect(await refusal(olga.client.messages.send.mutate({ sessionId: desk.id, ...send }))).toEqual(
      notFound,
    );
    const viaRest = await rest(g, secret, 'POST', '/v1/messages', { sessionId: desk.id, ...send });
    expect(viaRest.status).toBe(404);
    expect(await refusal(olga.client.sessions.byId.query({ id: desk.id }))).toEqual(notFound);
    // The new owner sends from it at once.
    expect((await admin.messages.send.mutate({ sessionId: desk.id, ...send })).status).toBe('queued');

    await admin.sessions.delete.mutate({ id: desk.id });
    expect(await refusal(admin.messages.send.mutate({ sessionId: desk.id, ...send }))).toEqual(notFound);
  });

  it('refuses a deleted user’s sign-in and key at once, through tRPC and REST', async () => {
    const { g, admin } = await gateway();
    const olga = await operator(g, admin);
    const desk = await createLinked(g, olga.cookie, olga.client, 'Front desk', '4915112340022');
    const { secret } = await olga.client.apiKeys.create.mutate({ name: 'crm', scopes: ['messages:send'] });
    await olga.client.messages.send.mutate({ sessionId: desk.id, ...send });
    expect((await rest(g, secret, 'POST', '/v1/messages', { sessionId: desk.id, ...send })).status).toBe(200);

    // A user who still owns sessions cannot be deleted: the admin takes it over first, then deletes her.
    const me = await admin.auth.me.query();
    await admin.sessions.transfer.mutate({ id: desk.id, ownerId: me.user!.id });
    await admin.users.delete.mutate({ id: olga.user.id });
    expect(await refusal(olga.client.messages.send.mutate({ sessionId: desk.id, ...send }))).toMatchObject({
      code: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    expect((await rest(g, secret, 'POST', '/v1/messages', { sessionId: desk.id, ...send })).status).toBe(401);
  });
});
