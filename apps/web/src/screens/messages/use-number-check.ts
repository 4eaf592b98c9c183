import { useEffect, useState } from 'react';
import { trpc } from '../../trpc.ts';

/** How long typing must pause before the number is looked up on WhatsApp. */
const PAUSE_MS = 500;

export type NumberCheck = 'idle' | 'checking' | 'on' | 'off' | 'unknown';

/**
 * Whether `digits` are on WhatsApp, asked through `sessionId` once typing pauses (each number once: answers
 * are kept for a while). `idle` while there is nothing to check.
 */
export function useNumberCheck(sessionId: string | null, digits: string | null): NumberCheck {
  const [settled, setSettled] = useState(digits);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(digits), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [digits]);
  const ready = sessionId !== null && digits !== null && settled === digits;
  const query = trpc.sessions.checkNumber.useQuery(
    { id: sessionId ?? '', phone: digits ?? '' },
    { enabled: ready, staleTime: 5 * 60_000, retry: false },
  );
  if (sessionId === null || digits === null) return 'idle';
  if (!ready || query.isPending) return 'checking';
  if (query.error) return 'unknown';
  return query.data.onWhatsApp ? 'on' : 'off';
}
