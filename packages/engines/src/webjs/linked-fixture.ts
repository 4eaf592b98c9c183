import { createHash } from 'node:crypto';
import type { EngineEvent } from '../contract.ts';
import { eventually, type Opened, webjsSessions } from './session-fixture.ts';
import { type FakeWhatsAppWebScript, StandInPhone } from './test-support.ts';

/**
 * Linked accounts through whatsapp-web.js's real code in real Chromium, against the stand-in WhatsApp Web.
 * Call at the top of a test file: sessions, browsers and phones end after each test.
 */
export function linkedSessions() {
  const { open, cleanUp } = webjsSessions();
  /** Starts a session that is already linked (a stored login) and waits until it is ready. */
  async function connected(
    keyField: FakeWhatsAppWebScript['keyField'],
    script: FakeWhatsAppWebScript = {},
  ): Promise<Opened & { phone: StandInPhone }> {
    const opened = open({}, { keyField, linked: true, ...script });
    await opened.session.start();
    await eventually(
      () => ofType(opened.events, 'ready').length,
      (n) => n > 0,
      'ready',
    );
    const phone = await StandInPhone.of(opened.dataDir);
    cleanUp(() => phone.close());
    return { ...opened, phone };
  }
  return { open, cleanUp, connected };
}

export const text = (body: string) => ({ type: 'text', text: body }) as const;
export const ofType = <T extends EngineEvent['type']>(events: EngineEvent[], type: T) =>
  events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
