import type { IncomingMessage } from 'node:http';

/**
 * Most calls one batched tRPC request may carry. The dashboard's batches hold a handful (its client splits
 * at the same number); a batch of hundreds would run hundreds of procedures for one request.
 */
const MAX_BATCH_CALLS = 10;

/** Why a `/trpc/a,b,c?batch=1` request carries too many calls, or null when it is fine. */
export function batchRefusal(req: IncomingMessage, pathname: string): string | null {
  if (URL.parse(req.url ?? '/', 'http://x')?.searchParams.get('batch') !== '1') return null;
  const calls = pathname.slice('/trpc/'.length).split(',').length;
  if (calls <= MAX_BATCH_CALLS) return null;
  return `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one holds ${calls}: split it into smaller ones`;
}
