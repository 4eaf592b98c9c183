import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  waitFor,
  waitForStatus,
} from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the sandbox keeps tenants apart', () => {
  it('does not name another tenant’s session when a phone is already linked to it', async () => {
    const g = await startTestGateway({ SANDBOX_QR_MAX_CODES: '100' });
    cleanups.push(() => g.dispose());
    const cookie = await setupAdmin(g);
    const admin = connect(g, cookie);
    cleanups.push(() => admin.close());
    await createLinked(g, cookie, admin, 'Acme sales', '4915100000060');

    await admin.users.create.mutate({
      email: 'olga@example.com',
      name: 'Olga',
      password: 'operator-password-1',
    });
    const opCookie = await signIn(g, 'olga@example.com', 'operator-password-1');
    const op = connect(g, opCookie);
    cleanups.push(() => op.close());
    const own = await op.sessions.create.mutate({ name: 'Olga desk' });
    const shown = await waitForStatus(op, own.id, 'qr');

    const scan = await sandbox(g, opCookie, 'POST', '/scan', { qr: shown.qr!.qr, phone: '+4915100000060' });
    expect(scan).toEqual({
      status: 409,
      body: { code: 'CONFLICT', message: 'Phone 4915100000060 is already linked to another session' },
    });

    // The admin, who may see that session, is told which one it is.
    const adminOwn = await admin.sessions.create.mutate({ name: 'Second desk' });
    const adminShown = await waitForStatus(admin, adminOwn.id, 'qr');
    const adminScan = await sandbox(g, cookie, 'POST', '/scan', {
      qr: adminShown.qr!.qr,
      phone: '+4915100000060',
    });
    expect(adminScan).toEqual({
      status: 409,
      body: {
        code: 'CONFLICT',
        message: 'Phone 4915100000060 is already linked to another session: acme-sales',
      },
    });
  });

  it('lists the virtual phones and what each received, from the caller’s own accounts only', async () => {
    const g = await startTestGateway({ SANDBOX_DELIVERED_DELAY_MS: '0', SANDBOX_READ_DELAY_MS: '0' });
    cleanups.push(() => g.dispose());
    const cookie = await setupAdmin(g);
    const admin = connect(g, cookie);
    cleanups.push(() => admin.close());
    const adminDesk = await createLinked(g, cookie, admin, 'Admin desk', '4915100000070');
    await admin.users.create.mutate({
      email: 'otto@example.com',
      name: 'Otto',
      password: 'operator-password-1',
    });
    const opCookie = await signIn(g, 'otto@example.com', 'operator-password-1');
    const op = connect(g, opCookie);
    cleanups.push(() => op.close());
    const opDesk = await createLinked(g, opCookie, op, 'Otto desk', '4915100000071');

    await admin.messages.send.mutate({ sessionId: adminDesk.id, to: '14155550100', text: 'From the admin' });
    await admin.messages.send.mutate({ sessionId: adminDesk.id, to: '14155550101', text: 'Only the admin' });
    await op.messages.send.mutate({ sessionId: opDesk.id, to: '14155550100', text: 'From Otto' });
    const everything = await waitFor(async () => {
      const list = await sandbox(g, cookie, 'GET', '/phones');
      const phones = list.body as Array<{ phone: string; received: number }>;
      return phones.reduce((sum, p) => sum + p.received, 0) === 3 ? phones : undefined;
    }, 'three messages on the phones');
    expect(everything).toEqual(
      expect.arrayContaining([
        {
          phone: '14155550100',
          name: expect.stringMatching(/^\S+ \S+$/),
          received: 2,
          lastAt: expect.any(Number),
        },
        { phone: '14155550101', name: expect.any(String), received: 1, lastAt: expect.any(Number) },
      ]),
    );
    // The operator sees one phone, and only the message their own account sent it.
    expect((await sandbox(g, opCookie, 'GET', '/phones')).body).toEqual([
      { phone: '14155550100', name: expect.any(String), received: 1, lastAt: expect.any(Number) },
    ]);
    expect((await sandbox(g, undefined, 'GET', '/phones')).status).toBe(401);
  });
});
