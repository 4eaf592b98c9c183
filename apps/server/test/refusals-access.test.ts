import { describe, expect, it } from 'vitest';
import {
  createLinked,
  type StreamedSessionEvent,
  sandbox,
  sessionEventsIn,
  waitFor,
  waitForStatus,
} from './support/harness.ts';
import { cleanups, gateway, operator, refusal, subscriptionRefusal, world } from './support/refusals.ts';

// ── Isolation between users ────────────────────────────────────────────────────────────────────────────

describe("another user's session looks exactly like one that does not exist", () => {
  it('answers NOT_FOUND "Session X not found" for every procedure, and changes nothing', async () => {
    const { g, cookie, admin } = await gateway();
    const mine = await createLinked(g, cookie, admin, 'Admin desk', '4915112340010');
    await admin.messages.send.mutate({ sessionId: mine.id, to: '+14155550101', text: 'admin only' });
    const op = await operator(g, admin);
    const before = await world(g, admin);

    for (const id of [mine.id, 'ghost']) {
      const notFound = { code: 'NOT_FOUND', httpStatus: 404, message: `Session ${id} not found` };
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['byId', () => op.client.sessions.byId.query({ id })],
        ['start', () => op.client.sessions.start.mutate({ id })],
        ['stop', () => op.client.sessions.stop.mutate({ id })],
        ['restart', () => op.client.sessions.restart.mutate({ id })],
        ['logout', () => op.client.sessions.logout.mutate({ id })],
        ['delete', () => op.client.sessions.delete.mutate({ id })],
        ['update', () => op.client.sessions.update.mutate({ id, name: 'Mine now' })],
        ['checkNumber', () => op.client.sessions.checkNumber.query({ id, phone: '+14155550101' })],
        ['checkNumbers', () => op.client.sessions.checkNumbers.mutate({ id, phones: ['+14155550101'] })],
        ['groups', () => op.client.sessions.groups.query({ id })],
        ['chats', () => op.client.sessions.chats.query({ id })],
        [
          'requestPairingCode',
          () => op.client.sessions.requestPairingCode.mutate({ id, phone: '+4915112340099' }),
        ],
        [
          'messages.send',
          () => op.client.messages.send.mutate({ sessionId: id, to: '+14155550101', text: 'hi' }),
        ],
        ['messages.list', () => op.client.messages.list.query({ sessionId: id })],
      ];
      for (const [what, call] of calls) expect(await refusal(call()), `${what} ${id}`).toEqual(notFound);
    }

    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: mine.id })).status).toBe('connected');
  });

  it('lists only what each user may see: the operator their own, the admin everything', async () => {
    const { g, admin } = await gateway();
    const adminSession = await admin.sessions.create.mutate({
      id: 'admin-desk',
      name: 'Admin',
      start: false,
    });
    const op = await operator(g, admin);
    const opSession = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual([opSession.id]);
    expect((await op.client.sessions.stats.query()).total).toBe(1);
    expect((await admin.sessions.list.query()).map((s) => s.id).sort()).toEqual(
      [adminSession.id, opSession.id].sort(),
    );
    expect((await admin.sessions.stats.query()).total).toBe(2);
  });

  it('refuses the sandbox control API on a foreign session with 404, like an unknown one', async () => {
    const { g, cookie, admin } = await gateway();
    const linked = await createLinked(g, cookie, admin, 'Admin linked', '4915112340011');
    const showing = await admin.sessions.create.mutate({ id: 'admin-qr', name: 'Admin QR' });
    const shown = await waitForStatus(admin, showing.id, 'qr');
    const { code } = await admin.sessions.requestPairingCode.mutate({
      id: showing.id,
      phone: '+4915112340012',
    });
    const op = await operator(g, admin);
    const before = await world(g, admin);

    for (const id of [linked.id, 'ghost']) {
      for (const action of ['drop', 'unlink', 'limit', 'fail-next-send']) {
        expect(
          await sandbox(g, op.cookie, 'POST', `/sessions/${id}/${action}`, {}),
          `${action} ${id}`,
        ).toEqual({
          status: 404,
          body: { code: 'NOT_FOUND', message: `Session ${id} not found` },
        });
      }
    }
    const scan = await sandbox(g, op.cookie, 'POST', '/scan', { qr: shown.qr!.qr, phone: '+4915112340013' });
    expect(scan).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: expect.stringContaining('Unknown QR code') },
    });
    const pair = await sandbox(g, op.cookie, 'POST', '/pair', { code, phone: '+4915112340012' });
    expect(pair).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Unknown pairing code' } });
    const inbound = await sandbox(g, op.cookie, 'POST', '/inbound', {
      from: '+14155550150',
      to: `+${linked.phone}`,
      text: 'into a foreign inbox',
    });
    expect(inbound.status).toBe(404);

    expect(await world(g, admin)).toEqual(before);
    expect((await admin.sessions.byId.query({ id: showing.id })).status).toBe('qr');

    // The same request from the owner works, so the 404s above were about who asked.
    expect((await sandbox(g, cookie, 'POST', `/sessions/${linked.id}/unlink`, {})).status).toBe(200);
    await waitForStatus(admin, linked.id, 'logged_out');
  });

  it('refuses subscribing to the events of a foreign or unknown session with NOT_FOUND', async () => {
    const { g, admin } = await gateway();
    const mine = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    for (const id of [mine.id, 'ghost']) {
      const refused = await subscriptionRefusal((h) => op.client.sessions.onEvent.subscribe({ id }, h));
      expect(refused, `sessions.onEvent ${id}`).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: `Session ${id} not found`,
      });
    }
  });

  it('refuses subscribing to the messages of a foreign or unknown session with NOT_FOUND', async () => {
    const { g, admin } = await gateway();
    const mine = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    for (const id of [mine.id, 'ghost']) {
      const refused = await subscriptionRefusal((h) =>
        op.client.messages.onUpdate.subscribe({ sessionId: id }, h),
      );
      expect(refused, `messages.onUpdate ${id}`).toEqual({
        code: 'NOT_FOUND',
        httpStatus: 404,
        message: `Session ${id} not found`,
      });
    }
  });

  it("never streams the admin's session events to an operator's unfiltered subscription", async () => {
    const { g, admin } = await gateway();
    const op = await operator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    type Seen = { sessionId: string; ownerId: string; type: string };
    const opSeen: Seen[] = [];
    const adminSeen: Seen[] = [];
    const subs = [
      op.client.sessions.onEvent.subscribe(undefined, {
        onData: ({ data }) => opSeen.push(...sessionEventsIn(data)),
      }),
      admin.sessions.onEvent.subscribe(undefined, {
        onData: ({ data }) => adminSeen.push(...sessionEventsIn(data)),
      }),
    ];
    cleanups.push(async () => {
      for (const sub of subs) sub.unsubscribe();
    });
    // The snapshot of the operator's own session says the subscription is live.
    await waitFor(() => opSeen.some((e) => e.sessionId === own.id), "the operator's snapshot");

    const theirs = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin' });
    await waitForStatus(admin, theirs.id, 'qr');
    await waitFor(
      () => adminSeen.some((e) => e.sessionId === theirs.id && e.type === 'qr'),
      "the admin's own QR event",
    );
    // Events arrive in order: once the operator sees the QR of their own later start, everything of the
    // admin's start has long gone past.
    await op.client.sessions.start.mutate({ id: own.id });
    await waitFor(() => opSeen.some((e) => e.sessionId === own.id && e.type === 'qr'), "the operator's QR");
    await waitFor(() => adminSeen.some((e) => e.sessionId === own.id && e.type === 'qr'), 'admin sees all');

    expect(opSeen.filter((e) => e.sessionId !== own.id)).toEqual([]);
    expect(opSeen.every((e) => e.ownerId === op.user.id)).toBe(true);
  });
  it("leaves the admin's sessions out of an operator's batched snapshot", async () => {
    const { g, admin } = await gateway();
    const theirs = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const op = await operator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });

    const messages: StreamedSessionEvent[] = [];
    const sub = op.client.sessions.onEvent.subscribe(
      { batchSnapshot: true },
      { onData: ({ data }) => messages.push(data) },
    );
    cleanups.push(async () => sub.unsubscribe());
    const snapshot = await waitFor(() => messages[0], "the operator's snapshot");
    const ids = sessionEventsIn(snapshot).map((e) => e.sessionId);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(theirs.id);
  });
});
