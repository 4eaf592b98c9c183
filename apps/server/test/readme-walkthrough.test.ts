import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createLinked, setupAdmin, startTestGateway, waitFor } from './support/harness.ts';
import { startReceiver } from './support/receiver.ts';

const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** The shell block the README marks as the walkthrough, exactly as a reader would copy it. */
function walkthrough(): string {
  const text = readFileSync(README, 'utf8');
  const from = text.indexOf('<!-- walkthrough:');
  expect(from, 'the README marks its walkthrough').toBeGreaterThan(0);
  const fence = /^( *)```sh\n/m.exec(text.slice(from));
  if (!fence) throw new Error('no sh block after the walkthrough marker');
  const indent = fence[1] ?? '';
  const body = text.slice(from + fence.index + fence[0].length);
  const end = body.indexOf(`${indent}\`\`\`\n`);
  return body
    .slice(0, end)
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

const run = (script: string, env: Record<string, string>) =>
  new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
    execFile(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve({ stdout, stderr }),
    ),
  );

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the README walkthrough "Sending with an API key"', () => {
  it('works as written: the webhook is registered, the message sent by phone, and its webhooks arrive signed', async () => {
    // Codes that last: linking is only the walkthrough's premise, and a busy machine must not fail it.
    const g = await startTestGateway({ SANDBOX_QR_ROTATE_MS: '20000' });
    cleanups.push(() => g.dispose());
    const cookie = await setupAdmin(g);
    const admin = connect(g, cookie);
    cleanups.push(() => admin.close());
    // As in First steps: my-session, linked to +49 151 12345678.
    await createLinked(g, cookie, admin, 'My session', '4915112345678');
    // What the dashboard's "Create key" does with "Send messages" and "Webhooks" picked.
    const { secret: key } = await admin.apiKeys.create.mutate({
      name: 'walkthrough',
      scopes: ['sessions:read', 'messages:send', 'messages:read', 'webhooks:manage'],
    });
    const receiver = await startReceiver();
    cleanups.push(() => receiver.close());

    const env = { SWITCHBOARD: g.url, SWITCHBOARD_KEY: key, WEBHOOK_URL: receiver.url };
    const { stdout } = await run(walkthrough(), env);
    const webhookSecret = /"secret":"(whsec_[^"]+)"/.exec(stdout)?.[1];
    expect(webhookSecret, stdout).toBeDefined();
    expect(stdout).toMatch(/"accountId":"my-session"/);
    expect(stdout).toMatch(/"status":"queued"/);

    const events = await waitFor(() => {
      const types = receiver.received.map((r) => `${r.payload.type}:${r.payload.data.status}`);
      return types.includes('message.status:read') ? types : undefined;
    }, 'the message read, by webhook');
    expect(events).toEqual(['message.sent:sent', 'message.status:delivered', 'message.status:read']);
    const verifier = new Webhook(webhookSecret!);
    for (const r of receiver.received) expect(() => verifier.verify(r.body, r.headers)).not.toThrow();
    expect(receiver.received[0]!.payload.data).toMatchObject({
      to: '14155552671',
      text: 'Your order has shipped',
    });

    // Run again, the idempotency key makes it the same message: nothing more reaches the phone.
    await run(walkthrough(), env);
    const phone = await fetch(`${g.url}/api/sandbox/phones/14155552671/messages`, { headers: { cookie } });
    expect(await phone.json()).toHaveLength(1);
  });
});
