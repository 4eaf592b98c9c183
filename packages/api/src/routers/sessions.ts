import { on } from 'node:events';
import { canSee, isSessionEvent, normalisePhone, type SessionEvent } from '@switchboard/core';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
import {
  engineName,
  noInput,
  ok,
  phoneInput,
  session,
  sessionEvent,
  sessionId,
  sessionStatus,
} from '../schemas.ts';
import { protectedProcedure, router } from '../trpc.ts';

const byId = z.object({ id: sessionId });

export const sessionsRouter = router({
  list: protectedProcedure
    .input(noInput)
    .output(z.array(session))
    .query(({ ctx }) => ctx.services.sessions.list(ctx.actor)),

  byId: protectedProcedure
    .input(byId)
    .output(session)
    .query(({ ctx, input }) => ctx.services.sessions.get(ctx.actor, input.id)),

  stats: protectedProcedure
    .input(noInput)
    .output(z.object({ total: z.number(), byStatus: z.record(sessionStatus, z.number()) }))
    .query(({ ctx }) => ctx.services.sessions.stats(ctx.actor)),

  /** The engines this server offers, so a client can offer exactly those. */
  engines: protectedProcedure
    .input(noInput)
    .output(z.array(engineName))
    .query(({ ctx }) => ctx.services.sessions.engineNames()),

  create: protectedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'Name is required').max(100, 'Name must be at most 100 characters'),
        id: sessionId.optional(),
        engine: engineName.default('sandbox'),
        /** Start at once (default), which is what shows the QR code. */
        start: z.boolean().default(true),
      }),
    )
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.create(ctx.actor, input)),

  update: protectedProcedure
    .input(z.object({ id: sessionId, name: z.string().trim().min(1).max(100) }))
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.rename(ctx.actor, input.id, input.name)),

  start: protectedProcedure
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.start(ctx.actor, input.id)),

  stop: protectedProcedure
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.stop(ctx.actor, input.id)),

  restart: protectedProcedure
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.restart(ctx.actor, input.id)),

  logout: protectedProcedure
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.logout(ctx.actor, input.id)),

  delete: protectedProcedure
    .input(byId)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.sessions.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  requestPairingCode: protectedProcedure
    .input(z.object({ id: sessionId, phone: phoneInput }))
    .output(z.object({ code: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      return { code: await ctx.services.sessions.requestPairingCode(ctx.actor, input.id, phone) };
    }),

  checkNumber: protectedProcedure
    .input(z.object({ id: sessionId, phone: phoneInput }))
    .output(z.object({ phone: z.string(), onWhatsApp: z.boolean(), chatId: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      const result = await ctx.services.sessions.lookup(ctx.actor, input.id, 'check the number', (engine) =>
        engine.checkNumber(phone),
      );
      return { phone, onWhatsApp: result.onWhatsApp, chatId: result.chatId ?? null };
    }),

  groups: protectedProcedure
    .input(byId)
    .output(z.array(z.object({ id: z.string(), name: z.string(), participants: z.number() })))
    .query(({ ctx, input }) =>
      ctx.services.sessions.lookup(ctx.actor, input.id, 'list groups', (engine) => engine.listGroups()),
    ),

  chats: protectedProcedure
    .input(byId)
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          isGroup: z.boolean(),
          unreadCount: z.number(),
          lastMessageAt: z.number().optional(),
        }),
      ),
    )
    .query(({ ctx, input }) =>
      ctx.services.sessions.lookup(ctx.actor, input.id, 'list chats', (engine) => engine.listChats()),
    ),

  /**
   * Status changes, QR codes and pairing codes of the sessions the user may see (or of one, with `id`).
   * A new subscriber first gets the current state — including the QR on display — then live events;
   * a reconnecting one (tRPC passes `lastEventId`) gets what it missed instead.
   */
  onEvent: protectedProcedure
    .input(z.object({ id: sessionId.optional(), lastEventId: z.string().nullish() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const { sessions, bus } = ctx.services;
      const id = input?.id;
      if (id) check(() => sessions.visibleOwner(ctx.actor, id));
      const wanted = (e: { sessionId: string; ownerId: string }) =>
        (!id || e.sessionId === id) && canSee(currentActor(ctx), e.ownerId);

      // Subscribe before reading the backlog or snapshot, so nothing falls between the two.
      const live = on(bus, 'session', { signal });
      const missed = input?.lastEventId ? bus.since(input.lastEventId) : null;
      const first: SessionEvent[] = missed
        ? missed.filter(isSessionEvent)
        : sessions.snapshot(currentActor(ctx), bus.lastId);
      for (const event of first) if (wanted(event)) yield tracked(event.id, sessionEvent.parse(event));
      for await (const [event] of live as AsyncIterableIterator<[SessionEvent]>) {
        if (wanted(event)) yield tracked(event.id, sessionEvent.parse(event));
      }
    }),
});
