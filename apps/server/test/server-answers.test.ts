import { join } from 'node:path';
import { openDatabase } from '@switchboard/db';
import { afterEach, describe, expect, it } from 'vitest';
import {
  connect,
  recordingLogger,
  sandbox,
  setupAdmin,
  signIn,
  startTestGateway,
  writeDashboard,
} from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gateway() {
  const log = recordingLogger();
  const g = await startTestGateway({}, undefined, { log });
  cleanups.push(() => g.dispose());
  const cookie = await setupAdmin(g);
  return { g, cookie, log };
}

describe('security headers', () => {
  it('forbids framing and sniffing on every answer, scripts from elsewhere on the dashboard, and caching of API answers', async () => {
    const { g, cookie } = await gateway();
    writeDashboard(g);
    const dashboard = await fetch(`${g.url}/sessions`);
    const asset = await fetch(`${g.url}/assets/app.js`);
    const api = await fetch(`${g.url}/trpc/sessions.list`, { headers: { cookie } });
    const refused = await fetch(`${g.url}/trpc/sessions.list`);
    const health = await fetch(`${g.url}/health`);
    const sandboxAnswer = await fetch(`${g.url}/api/sandbox/phones/14155550101/messages`, {
      headers: { cookie },
    });

    for (const [what, res] of Object.entries({ dashboard, asset, api, refused, health, sandboxAnswer })) {
      expect(res.headers.get('x-frame-options'), what).toBe('DENY');
      expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
    }
    const policy = dashboard.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain('unsafe');
    for (const [what, res] of Object.entries({ api, refused, health, sandboxAnswer })) {
      expect(res.headers.get('cache-control'), what).toBe('no-store');
      expect(res.headers.get('content-security-policy'), what).toContain("default-src 'none'");
    }
    // The page itself is revalidated on every load (a new deploy shows at once); hashed assets are cached.
    expect(dashboard.headers.get('cache-control')).toBe('no-cache');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });
});

describe('internal errors', () => {
  it('answers with a reference instead of the raw error, and logs the details under that reference', async () => {
    const { g, cookie, log } = await gateway();
    await g.services.users.create(
      { id: (await connect(g, cookie).auth.me.query()).user!.id, role: 'admin' },
      { email: 'olga@example.com', name: 'Olga', password: 'operator-password-1', role: 'operator' },
    );
    const opCookie = await signIn(g, 'olga@example.com', 'operator-password-1');
    // Something outside the server breaks its database under it.
    const outside = openDatabase(join(g.dataDir, 'switchboard.db')).$client;
    outside.exec(
      'ALTER TABLE contacts RENAME TO contacts_moved; ALTER TABLE accounts RENAME TO accounts_moved',
    );
    outside.close();

    const res = await fetch(`${g.url}/trpc/contacts.list`, { headers: { cookie } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toMatch(/no such table|SQLITE|switchboard\.db|\/tmp\//i);
    const ref = /reference (err_[0-9a-f]+)/.exec(text)?.[1];
    expect(ref).toBeDefined();
    expect(log.lines.find((l) => l.includes(ref!))).toMatch(
      /ERROR procedure failed .*no such table: contacts/,
    );

    // Outside tRPC too: the sandbox control API failing on the same database.
    const other = await sandbox(g, opCookie, 'GET', '/phones/14155550101/messages');
    expect(other.status).toBe(500);
    const otherText = JSON.stringify(other.body);
    expect(otherText).not.toMatch(/no such table|accounts|SQLITE/i);
    const otherRef = /reference (err_[0-9a-f]+)/.exec(otherText)?.[1];
    expect(log.lines.find((l) => l.includes(otherRef!))).toMatch(/no such table: accounts/);
  });
});
