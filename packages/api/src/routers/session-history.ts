import { tracked } from '@trpc/server';
import { check, currentActor } from '../live.ts';
import { rest } from '../rest/meta.ts';
import {
  eventsInput,
  historyEntry,
  historyInput,
  historyPage,
  historyStreamInput,
} from '../schemas/session-history.ts';
import { protectedProcedure } from '../trpc.ts';

/** Sessions' persisted history: one session's timeline, and the event monitor across every visible one. */
export const sessionHistoryProcedures = {
  history: protectedProcedure
    .meta(
      rest('GET', '/sessions/{id}/history', {
        tag: 'Sessions',
        summary: "A session's history, newest first",
        description:
          'Status changes with their reasons, QR and pairing codes issued, reach-out limits, failed sends, transfers; kept for HISTORY_RETENTION_DAYS.',
      }),
    )
    .input(historyInput)
    .output(historyPage)
    .query(({ ctx, input }) => {
      const { id, types, ...page } = input;
      return ctx.services.sessions.history.page(ctx.actor, { sessionId: id, types }, page);
    }),

  /** The event monitor's backlog: every visible session's history (or one's), newest first. */
  events: protectedProcedure
    .input(eventsInput)
    .output(historyPage)
    .query(({ ctx, input }) => {
      const { sessionId, types, ...page } = input;
      return ctx.services.sessions.history.page(ctx.actor, { sessionId, types }, page);
    }),

  /**
   * The event monitor: history entries of every visible session (or one's) as they are recorded. Ids are the
   * entries' own, so a client resumes from the last one it saw — even across a server restart.
   */
  onHistory: protectedProcedure.input(historyStreamInput).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const actor = currentActor(ctx);
    const entries = check(() =>
      ctx.services.sessions.history.stream(
        actor,
        { sessionId: input?.sessionId, types: input?.types },
        { after: input?.lastEventId, signal, actorNow: () => currentActor(ctx) },
      ),
    );
    for await (const entry of entries) yield tracked(entry.id, historyEntry.parse(entry));
  }),
};
