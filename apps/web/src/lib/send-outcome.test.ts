import { describe, expect, it } from 'vitest';
import { sendOutcome } from './send-outcome.ts';
import type { Message } from './types.ts';

const msg = (status: Message['status'], error: string | null = null) => ({ status, error }) as Message;

describe('sendOutcome', () => {
  it('waits while a message is queued, and says sent once all reached WhatsApp', () => {
    expect(sendOutcome([msg('queued')])).toEqual({ state: 'waiting' });
    expect(sendOutcome([msg('sent'), msg('queued')])).toEqual({ state: 'waiting' });
    expect(sendOutcome([msg('sent'), msg('delivered')])).toEqual({ state: 'sent' });
    expect(sendOutcome([msg('read')])).toEqual({ state: 'sent' });
  });
  it('fails as soon as one fails, with its reason', () => {
    expect(sendOutcome([msg('queued'), msg('failed', 'Not on WhatsApp')])).toEqual({
      state: 'failed',
      error: 'Not on WhatsApp',
    });
  });
  it('says unconfirmed when WhatsApp did not confirm one', () => {
    expect(sendOutcome([msg('sent'), msg('unknown')])).toEqual({ state: 'unconfirmed' });
  });
});
