import { useEffect, useRef, useState } from 'react';
import { type SendOutcome, sendOutcome } from '../../lib/send-outcome.ts';
import type { Message } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** How many recent message changes are kept, for a receipt that overtakes the answer to the send. */
const RECENT = 200;

/**
 * Follows messages just sent from `sessionId` over the live stream until they settle, then calls `onSettled`
 * once with the real outcome (sent, failed, unconfirmed) — never "queued". `follow` starts with the stored
 * messages the send returned; `following` is true until they settle.
 */
export function useSendOutcome(
  sessionId: string | null,
  onSettled: (outcome: Exclude<SendOutcome, { state: 'waiting' }>) => void,
) {
  const [tracked, setTracked] = useState<Map<string, Message> | null>(null);
  // Changes seen lately: on a fast network a message is sent before `messages.send` has answered.
  const recent = useRef(new Map<string, Message>());
  const settled = useRef(onSettled);
  settled.current = onSettled;

  // Within one millisecond, whatever moved on from "queued" is the newer copy.
  const newer = (a: Message | undefined, b: Message) =>
    a && (a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && b.status === 'queued')) ? a : b;

  trpc.messages.onUpdate.useSubscription(sessionId ? { sessionId } : undefined, {
    enabled: sessionId !== null,
    onData: ({ data: event }) => {
      if (event.type !== 'message') return;
      const { message } = event;
      const seen = recent.current;
      seen.delete(message.id);
      seen.set(message.id, message);
      if (seen.size > RECENT) seen.delete(seen.keys().next().value as string);
      setTracked((current) =>
        current?.has(message.id)
          ? new Map(current).set(message.id, newer(current.get(message.id), message))
          : current,
      );
    },
  });

  // Another account chosen: its stream says nothing about these messages (the list still shows how they end).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the account changes, by design
  useEffect(() => setTracked(null), [sessionId]);

  useEffect(() => {
    if (!tracked) return;
    const outcome = sendOutcome([...tracked.values()]);
    if (outcome.state === 'waiting') return;
    setTracked(null);
    settled.current(outcome);
  }, [tracked]);

  const follow = (messages: readonly Message[]) =>
    setTracked(new Map(messages.map((m) => [m.id, newer(recent.current.get(m.id), m)])));

  return { follow, following: tracked !== null };
}
