import { startTransition, useDeferredValue, useEffect, useRef, useState } from 'react';

const NONE: readonly never[] = [];

/** The lists waiting to show their first rows, each a function that starts its background render. */
const waiting: (() => void)[] = [];
let showing = false;

/** The next waiting list's first rows, once the list before has committed its own. */
function next() {
  const start = waiting.shift();
  showing = start !== undefined;
  start?.();
}

/**
 * A long list's items, rendered a moment after the screen around them: the first render shows the screen
 * with no rows, and the rows follow in a background render, started once that screen is committed, that
 * yields to the browser every few milliseconds — so the first page of a long list and its first layout never
 * join the rest of the screen in one long task. Afterwards each change shows in the next background render.
 *
 * The first rows wait for the screen's commit rather than for `useDeferredValue` alone: a screen that is
 * itself rendered from a deferred value (the dashboard is, the first time) would get its deferred rows in
 * the same render. And lists shown together (the inbox and its open thread) take turns: each one's first
 * rows, with the layout and measuring they bring, are committed in a task of their own.
 *
 * Call it below the component that reads live stores and queries: a store publishing meanwhile re-renders
 * that component at once, not this background render, which would otherwise have to finish in one go.
 */
export function useRowsLater<T>(items: readonly T[]): readonly T[] {
  const [shown, setShown] = useState(false);
  const done = useRef<(() => void) | null>(null);
  useEffect(() => {
    let waitingTurn = true;
    const start = () => {
      waitingTurn = false;
      done.current = next;
      startTransition(() => setShown(true));
    };
    waiting.push(start);
    if (!showing) next();
    return () => {
      if (waitingTurn) waiting.splice(waiting.indexOf(start), 1);
      // Unmounted before its rows were committed: the next list need not wait for them.
      done.current?.();
      done.current = null;
    };
  }, []);
  useEffect(() => {
    if (!shown) return;
    done.current?.();
    done.current = null;
  }, [shown]);
  const later = useDeferredValue(items, NONE);
  return shown ? later : NONE;
}
