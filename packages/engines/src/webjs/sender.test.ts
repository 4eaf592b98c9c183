import { describe, expect, it } from 'vitest';
import { failureReason } from './sender.ts';

describe('failureReason', () => {
  it('names the failures the contract knows from WhatsApp Web’s messages', () => {
    expect(failureReason('No LID for user')).toBe('no_lid');
    expect(failureReason('server returned error 463')).toBe('reach_out_limited');
    expect(failureReason('NackCallerReachoutTimelocked')).toBe('reach_out_limited');
    expect(failureReason('Invalid wid: 123')).toBe('not_on_whatsapp');
    expect(failureReason('Stand-in: the connection to WhatsApp dropped')).toBe('error');
  });
});
