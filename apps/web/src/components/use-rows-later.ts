import { startTransition, useDeferredValue, useEffect, useState } from 'react';

const NONE: readonly never[] = [];

/**
 * A long list's items, rendered a moment after the screen around them: the first render shows the screen
 * with no rows, and the rows follow in a background render, started once that screen is committed, that
 * yields to the browser every few milliseconds — so the first page of a long list and its first layout never
 * join the rest of the screen in one long task. Afterwards each change shows in the next background render.
 *
 * The first rows wait for the screen's commit rather than for `useDeferredValue` alone: a screen that is
 * itself rendered from a deferred value (the dashboard is, the first time) would get its deferred rows in
 * the same render, and commit them with the whole screen.
 *
 * Call it below the component that reads live stores and queries: a store publishing meanwhile re-renders
 * that component at once, not this background render, which would otherwise have to finish in one go.
 */
export function useRowsLater<T>(items: readonly T[]): readonly T[] {
  const [screenCommitted, setScreenCommitted] = useState(false);
  useEffect(() => startTransition(() => setScreenCommitted(true)), []);
  const later = useDeferredValue(items, NONE);
  return screenCommitted ? later : NONE;
}
