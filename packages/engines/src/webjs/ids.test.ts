import { describe, expect, it } from 'vitest';
import { lidFromJid, messageIdOf, personIds, phoneFromJid } from './ids.ts';

const SERIALIZED = 'true_4915112345678@c.us_3EB0C767D26A1D8E2B4F';

describe('messageIdOf', () => {
  it('reads the id of WhatsApp Web versions that still set _serialized', () => {
    const key = {
      fromMe: true,
      remote: '4915112345678@c.us',
      id: '3EB0C767D26A1D8E2B4F',
      _serialized: SERIALIZED,
    };
    expect(messageIdOf(key)).toBe(SERIALIZED);
  });

  it('reads the id of versions that moved it to a minified field, whatever its name', () => {
    const renamed = {
      fromMe: true,
      remote: '4915112345678@c.us',
      id: '3EB0C767D26A1D8E2B4F',
      $1: SERIALIZED,
    };
    expect(messageIdOf(renamed)).toBe(SERIALIZED);
    const renamedAgain = {
      fromMe: true,
      remote: '4915112345678@c.us',
      id: '3EB0C767D26A1D8E2B4F',
      $7: SERIALIZED,
    };
    expect(messageIdOf(renamedAgain)).toBe(SERIALIZED);
    const group = 'false_120363025246125486@g.us_3EB0AA_86219306106899@lid';
    expect(messageIdOf({ fromMe: false, remote: '120363025246125486@g.us', id: '3EB0AA', $1: group })).toBe(
      group,
    );
  });

  it('rebuilds the id from fromMe, the chat and the key id when no field carries it', () => {
    expect(messageIdOf({ fromMe: true, remote: '4915112345678@c.us', id: '3EB0C767D26A1D8E2B4F' })).toBe(
      SERIALIZED,
    );
    // The chat may still be a wid object, and group messages name their sender last.
    expect(
      messageIdOf({
        fromMe: false,
        remote: { _serialized: '120363025246125486@g.us' },
        id: '3EB0AA',
        participant: { _serialized: '86219306106899@lid' },
      }),
    ).toBe('false_120363025246125486@g.us_3EB0AA_86219306106899@lid');
    expect(messageIdOf({ fromMe: false, remote: '86219306106899@lid', id: 'AC12' })).toBe(
      'false_86219306106899@lid_AC12',
    );
  });

  it('gives null when the key carries nothing to read or rebuild', () => {
    expect(messageIdOf(undefined)).toBeNull();
    expect(messageIdOf({ fromMe: true })).toBeNull();
    expect(messageIdOf({ fromMe: true, remote: '4915112345678@c.us' })).toBeNull();
    expect(messageIdOf({ fromMe: true, _serialized: '', id: 'X' })).toBeNull();
  });
});

describe('phone numbers and LIDs', () => {
  it('takes the digits of user ids, with or without a device suffix', () => {
    expect(phoneFromJid('4915112345678@c.us')).toBe('4915112345678');
    expect(phoneFromJid('4915112345678:12@c.us')).toBe('4915112345678');
    expect(phoneFromJid('4915112345678@s.whatsapp.net')).toBe('4915112345678');
  });

  it('refuses ids that are not phone numbers', () => {
    for (const jid of ['120363025246125486@g.us', '86219306106899@lid', 'status@broadcast', '', undefined]) {
      expect(phoneFromJid(jid)).toBeNull();
    }
  });

  it('takes LIDs without their device suffix, and nothing else', () => {
    expect(lidFromJid('86219306106899@lid')).toBe('86219306106899@lid');
    expect(lidFromJid('86219306106899:3@lid')).toBe('86219306106899@lid');
    expect(lidFromJid('4915112345678@c.us')).toBeNull();
    expect(lidFromJid(undefined)).toBeNull();
  });

  it('combines the id a person was named by with what a lookup found', () => {
    expect(personIds('4915112345678@c.us')).toEqual({ phone: '4915112345678' });
    expect(personIds('86219306106899@lid')).toEqual({ lid: '86219306106899@lid' });
    expect(personIds('86219306106899@lid', { pn: '4915112345678@c.us', lid: '86219306106899@lid' })).toEqual({
      phone: '4915112345678',
      lid: '86219306106899@lid',
    });
    expect(personIds('4915112345678@c.us', { lid: '86219306106899@lid' })).toEqual({
      phone: '4915112345678',
      lid: '86219306106899@lid',
    });
    expect(personIds('120363025246125486@g.us')).toEqual({});
  });
});
