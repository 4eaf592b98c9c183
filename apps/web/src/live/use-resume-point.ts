import { useState } from 'react';

/**
 * Where a live stream opens from: the `streamFrom` of the first read under `key` (an account, a thread).
 * Later reads (other filters, more pages) leave it be, so the stream opens once and is not restarted; on a
 * reconnect tRPC resumes it from the last event it delivered.
 */
export function useResumePoint(key: string, streamFrom: string | undefined): string | undefined {
  const [point, setPoint] = useState<{ key: string; from: string } | null>(null);
  const current = point?.key === key ? point.from : undefined;
  // Set during render (React's pattern for state derived from props): the stream opens in the same commit.
  if (current === undefined && streamFrom !== undefined) setPoint({ key, from: streamFrom });
  return current ?? streamFrom;
}
