import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  createLinked,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
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
});
