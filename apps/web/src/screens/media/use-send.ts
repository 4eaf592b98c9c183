import { useState } from 'react';
import type { SendInput } from '../../lib/attachment.ts';
import type { Message } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/**
 * Sends what a form composed — one message, or a file and then its text — in order, stopping at the first
 * refusal. `onSent` gets each message the server stored; `sendAll` returns them (null after a refusal), for
 * callers that follow them to their outcome.
 */
export function useSend(onSent: (message: Message) => void) {
  const send = trpc.messages.send.useMutation();
  const [pending, setPending] = useState(false);

  const sendAll = async (inputs: SendInput[]): Promise<Message[] | null> => {
    setPending(true);
    try {
      const stored: Message[] = [];
      for (const input of inputs) {
        const message = await send.mutateAsync(input);
        stored.push(message);
        onSent(message);
      }
      return stored;
    } catch {
      // The refusal is in `error`, in the server's words.
      return null;
    } finally {
      setPending(false);
    }
  };

  return { sendAll, pending, error: send.error, reset: send.reset };
}
