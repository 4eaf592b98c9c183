import { describe, expect, it } from 'vitest';
import {
  addOperator,
  cleanups,
  login,
  OPERATOR,
  refusal,
  refusedWith,
  SIGN_IN_FIRST,
  track,
  upgrade,
  WRONG,
  withAdmin,
} from './support/auth.ts';
import { ADMIN, type Client, connect, sessionEventsIn, signIn, waitFor } from './support/harness.ts';

// ── Managing users ─────────────────────────────────────────────────────────────────────────────────────

describe('managing users', () => {
  it('refuses every users.* procedure to an operator with FORBIDDEN, changing nothing', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const adminId = (await admin.auth.me.query()).user!.id;
    const before = await admin.users.list.query();
    const calls: Array<[string, () => Promise<unknown>]> = [
      ['list', () => op.client.users.list.query()],
      [
        'create',
        () => op.client.users.create.mutate({ email: 'x@example.com', name: 'X', password: 'x-password-1' }),
      ],
      ['update', () => op.client.users.update.mutate({ id: op.user.id, role: 'admin' })],
      ['update other', () => op.client.users.update.mutate({ id: adminId, password: 'hijacked-password' })],
      ['delete', () => op.client.users.delete.mutate({ id: adminId })],
    ];
    for (const [what, call] of calls) {
      expect(await refusal(call()), what).toEqual({
        code: 'FORBIDDEN',
        httpStatus: 403,
        message: 'Only admins can do this',
        retryAfterSeconds: null,
      });
    }
    expect(await admin.users.list.query()).toEqual(before);
    expect(await signIn(g, ADMIN.email, ADMIN.password)).toMatch(/^sb_session=/);
  });

  it('creates an operator, and refuses a duplicate email (in any spelling) with CONFLICT', async () => {
    const { g, admin } = await withAdmin();
    const created = await admin.users.create.mutate(OPERATOR);
    expect(created).toMatchObject({ email: OPERATOR.email, name: OPERATOR.name, role: 'operator' });
    const before = await admin.users.list.query();
    for (const email of [OPERATOR.email, ` ${OPERATOR.email.toUpperCase()} `, ADMIN.email]) {
      const canonical = email.trim().toLowerCase();
      expect(
        await refusal(admin.users.create.mutate({ ...OPERATOR, email, password: 'other-password-1' })),
      ).toEqual(refusedWith('CONFLICT', `A user with email ${canonical} already exists`));
    }
    const invalid: Array<[Partial<typeof OPERATOR>, string]> = [
      [{ email: 'nobody@nowhere' }, 'is not a valid email address'],
      [{ email: 'new@example.com', password: 'short' }, 'Password must be at least 8 characters'],
      [{ email: 'new@example.com', name: ' ' }, 'Name is required'],
    ];
    for (const [change, message] of invalid) {
      expect(await refusal(admin.users.create.mutate({ ...OPERATOR, ...change })), message).toEqual(
        refusedWith('BAD_REQUEST', message),
      );
    }
    expect(await admin.users.list.query()).toEqual(before);
    // The first operator's password was not touched by the refused duplicates.
    expect(await signIn(g, OPERATOR.email, OPERATOR.password)).toMatch(/^sb_session=/);
  });

  it("resets a password: the user's existing logins end and only the new password works", async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    expect(await op.client.sessions.list.query()).toEqual([]);

    await admin.users.update.mutate({ id: op.user.id, password: 'brand-new-password-2' });

    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    expect(await upgrade(g, op.cookie)).toBe(401);
    expect(await login(g, OPERATOR.email, OPERATOR.password)).toEqual(refusedWith('UNAUTHORIZED', WRONG));
    const fresh = track(connect(g, await signIn(g, OPERATOR.email, 'brand-new-password-2')));
    expect((await fresh.auth.me.query()).user?.email).toBe(OPERATOR.email);
    // The admin who reset it stays signed in.
    expect((await admin.auth.me.query()).user?.email).toBe(ADMIN.email);
  });

  it('refuses deleting yourself and demoting the last admin, naming what to do instead', async () => {
    const { admin } = await withAdmin();
    const me = (await admin.auth.me.query()).user!;
    const before = await admin.users.list.query();
    expect(await refusal(admin.users.delete.mutate({ id: me.id }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'You cannot delete yourself'),
    );
    expect(await refusal(admin.users.update.mutate({ id: me.id, role: 'operator' }))).toEqual(
      refusedWith('PRECONDITION_FAILED', 'Cannot demote the last admin'),
    );
    expect(await refusal(admin.users.delete.mutate({ id: 'no-such-user' }))).toEqual(
      refusedWith('NOT_FOUND', 'User no-such-user not found'),
    );
    expect(await refusal(admin.users.update.mutate({ id: 'no-such-user', name: 'Ghost' }))).toEqual(
      refusedWith('NOT_FOUND', 'User no-such-user not found'),
    );
    expect(await admin.users.list.query()).toEqual(before);
    expect((await admin.auth.me.query()).user?.role).toBe('admin');
  });

  it('gives a role change effect on the existing login at once', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    await admin.users.update.mutate({ id: op.user.id, role: 'admin' });
    expect(await op.client.users.list.query()).toHaveLength(2);
    // With two admins, one may step down.
    await admin.users.update.mutate({ id: op.user.id, role: 'operator' });
    expect((await refusal(op.client.users.list.query())).code).toBe('FORBIDDEN');
  });

  it('refuses deleting a user who still owns sessions with CONFLICT, and deletes them once they own none', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });
    const before = await admin.users.list.query();

    expect(await refusal(admin.users.delete.mutate({ id: op.user.id }))).toEqual(
      refusedWith('CONFLICT', `User ${OPERATOR.email} still owns 1 session: delete them first`),
    );
    expect(await admin.users.list.query()).toEqual(before);
    expect((await op.client.sessions.list.query()).map((s) => s.id)).toEqual([own.id]);

    await admin.sessions.delete.mutate({ id: own.id });
    await admin.users.delete.mutate({ id: op.user.id });
    expect((await admin.users.list.query()).map((u) => u.email)).toEqual([ADMIN.email]);
    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    expect(await login(g, OPERATOR.email, OPERATOR.password)).toEqual(refusedWith('UNAUTHORIZED', WRONG));
  });
});

// ── Open WebSockets follow the login ───────────────────────────────────────────────────────────────────

type SeenEvent = { sessionId: string; type: string };

/** Starts an unfiltered sessions.onEvent stream and collects what it yields; a stream that ends just stops. */
function watch(client: Client) {
  const seen: SeenEvent[] = [];
  const sub = client.sessions.onEvent.subscribe(undefined, {
    onData: ({ data }) => seen.push(...sessionEventsIn(data)),
    onError: () => {},
  });
  cleanups.push(async () => sub.unsubscribe());
  return { seen };
}

/**
 * Starts `id` as the admin and waits until the admin's own stream has shown two of its QR codes. Events go
 * out to every subscriber at once, so by then any other stream that still receives them has them too.
 */
async function startAndWatchQrs(admin: Client, adminSeen: SeenEvent[], id: string) {
  await admin.sessions.start.mutate({ id });
  await waitFor(
    () => adminSeen.filter((e) => e.sessionId === id && e.type === 'qr').length >= 2,
    `two QR codes of ${id} on the admin's stream`,
  );
}

describe('a live event stream ends with the login it was opened with', () => {
  it('stops streaming to a user whose password was reset (the stream of the old login)', async () => {
    const { g, admin } = await withAdmin();
    const op = await addOperator(g, admin);
    const own = await op.client.sessions.create.mutate({ id: 'olga-desk', name: 'Olga', start: false });
    const adminStream = watch(admin);
    const opStream = watch(op.client);
    await waitFor(() => opStream.seen.some((e) => e.sessionId === own.id), "the operator's snapshot");
    await waitFor(() => adminStream.seen.some((e) => e.sessionId === own.id), "the admin's snapshot");

    await admin.users.update.mutate({ id: op.user.id, password: 'brand-new-password-2' });
    expect(await refusal(op.client.sessions.list.query())).toEqual(SIGN_IN_FIRST);
    const before = opStream.seen.length;
    await startAndWatchQrs(admin, adminStream.seen, own.id);

    // Whoever held the old login must not keep watching the account's QR codes.
    expect(opStream.seen.slice(before).map((e) => `${e.sessionId} ${e.type}`)).toEqual([]);
  });

  it("stops streaming other users' sessions to an admin who was demoted to operator", async () => {
    const { g, admin } = await withAdmin();
    const second = { email: 'second@example.com', name: 'Second Admin', password: 'second-password-1' };
    const secondUser = await admin.users.create.mutate({ ...second, role: 'admin' });
    const secondClient = track(connect(g, await signIn(g, second.email, second.password)));
    const desk = await admin.sessions.create.mutate({ id: 'admin-desk', name: 'Admin', start: false });
    const adminStream = watch(admin);
    const secondStream = watch(secondClient);
    await waitFor(
      () => secondStream.seen.some((e) => e.sessionId === desk.id),
      "the second admin's snapshot",
    );
    await waitFor(() => adminStream.seen.some((e) => e.sessionId === desk.id), "the admin's snapshot");

    await admin.users.update.mutate({ id: secondUser.id, role: 'operator' });
    expect(await refusal(secondClient.sessions.byId.query({ id: desk.id }))).toEqual(
      refusedWith('NOT_FOUND', `Session ${desk.id} not found`),
    );
    const before = secondStream.seen.length;
    await startAndWatchQrs(admin, adminStream.seen, desk.id);

    expect(secondStream.seen.slice(before).map((e) => `${e.sessionId} ${e.type}`)).toEqual([]);
  });
});
