import type { Session } from '../../lib/types.ts';
import { trpc } from '../../trpc.ts';

/** Puts a session the server just returned into both cached views of it. */
export function useSessionCache() {
  const utils = trpc.useUtils();
  return {
    put(session: Session) {
      utils.sessions.byId.setData({ id: session.id }, session);
      utils.sessions.list.setData(undefined, (list) => {
        if (!list) return list;
        return list.some((s) => s.id === session.id)
          ? list.map((s) => (s.id === session.id ? session : s))
          : [...list, session];
      });
    },
    remove(id: string) {
      utils.sessions.list.setData(undefined, (list) => list?.filter((s) => s.id !== id));
      void utils.sessions.byId.invalidate({ id });
    },
  };
}
