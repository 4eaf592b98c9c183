import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../lib/types.ts';
import { LiveStore } from './live-store.ts';

const status = (
  sessionId: string,
  s: 'connected' | 'reconnecting',
  id = `${sessionId}:${s}`,
): SessionEvent => ({
  id,
  sessionId,
  ownerId: 'u1',
  at: 1,
  type: 'status',
  status: s,
  reason: null,
  reasonCoded: null,
  phone: null,
  pushName: null,
  lastConnectedAt: null,
  nextRetryAt: null,
  limited: null,
});

/** A store whose frames the test runs by hand. */
function storeWithFrames() {
  const frames: (() => void)[] = [];
  const store = new LiveStore((flush) => frames.push(flush));
  let renders = 0;
  store.subscribe(() => {
    renders += 1;
  });
  const nextFrame = () => {
    for (const flush of frames.splice(0)) flush();
  };
  return { store, nextFrame, renders: () => renders, frames: () => frames.length };
}

describe('LiveStore', () => {
  it('applies a snapshot naming a thousand sessions in one go, published once in the next frame', () => {
    const { store, nextFrame, renders, frames } = storeWithFrames();
    store.apply(Array.from({ length: 1000 }, (_, i) => status(`s${i}`, 'connected')));
    expect(frames()).toBe(1);
    expect(renders()).toBe(0);
    nextFrame();
    expect(renders()).toBe(1);
    expect(store.get('s999')?.status?.status).toBe('connected');
  });

  it('publishes a burst of single events once, in the next frame', () => {
    const { store, nextFrame, renders, frames } = storeWithFrames();
    for (let i = 0; i < 1000; i++) store.apply([status(`s${i}`, 'connected')]);
    expect(frames()).toBe(1);
    expect(renders()).toBe(0);
    expect(store.get('s1')).toBeUndefined();

    nextFrame();
    expect(renders()).toBe(1);
    expect(store.all().size).toBe(1000);
    expect(store.get('s999')?.status?.status).toBe('connected');
  });

  it('keeps every other session’s entry when one changes, so only that one re-renders', () => {
    const { store, nextFrame } = storeWithFrames();
    store.apply([status('a', 'connected')]);
    store.apply([status('b', 'connected')]);
    nextFrame();
    const [a, b, all] = [store.get('a'), store.get('b'), store.all()];

    store.apply([status('b', 'reconnecting')]);
    nextFrame();
    expect(store.get('a')).toBe(a);
    expect(store.get('b')).not.toBe(b);
    expect(store.get('b')?.status?.status).toBe('reconnecting');
    expect(store.all()).not.toBe(all);
  });

  it('folds several events for one session within a frame, and publishes nothing when nothing changed', () => {
    const { store, nextFrame, renders } = storeWithFrames();
    store.apply([status('a', 'connected')]);
    store.apply([status('a', 'reconnecting')]);
    store.apply([status('a', 'connected', 'a:again')]);
    nextFrame();
    expect(renders()).toBe(1);
    expect(store.get('a')?.status?.status).toBe('connected');

    // The snapshot a resubscription starts with repeats what is known: no new frame, no render.
    store.apply([status('a', 'connected', 'a:repeat')]);
    nextFrame();
    expect(renders()).toBe(1);
  });
});
