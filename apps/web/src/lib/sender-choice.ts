import type { Session } from './types.ts';

export const LAST_SENDER_KEY = 'switchboard.messages.lastSession';

/**
 * Which session the Messages screen starts with: the one named in the address, else the operator's last
 * choice, else their default sender, else the first connected one. A remembered session that is not
 * connected right now stays selected (its messages can still be read); the form says why it cannot send.
 */
export function initialSender(
  sessions: readonly Pick<Session, 'id' | 'status'>[],
  fromAddress: string | null,
  remembered: string | null,
  defaultSender: string | null = null,
): string | null {
  const visible = (id: string | null) => (id && sessions.some((s) => s.id === id) ? id : null);
  return (
    visible(fromAddress) ??
    visible(remembered) ??
    visible(defaultSender) ??
    sessions.find((s) => s.status === 'connected')?.id ??
    null
  );
}
