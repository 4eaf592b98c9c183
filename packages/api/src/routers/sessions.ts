import { normalisePhone } from '@switchboard/core';
import { z } from 'zod';
import { streamChannel } from '../live.ts';
import { noInput, ok } from '../schemas/common.ts';
import {
  byId,
  chat,
  engineName,
  group,
  numberCheck,
  pairingCode,
  session,
  sessionCreateInput,
  sessionEvent,
  sessionPhoneInput,
  sessionStats,
  sessionStreamInput,
  sessionUpdateInput,
} from '../schemas/sessions.ts';
import { protectedProcedure, router } from '../trpc.ts';

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
    .output(sessionStats)
    .query(({ ctx }) => ctx.services.sessions.stats(ctx.actor)),

  /** The engines this server offers, so a client can offer exactly those. */
  engines: protectedProcedure
    .input(noInput)
    .output(z.array(engineName))
    .query(({ ctx }) => ctx.services.sessions.engineNames()),

  create: protectedProcedure
    .input(sessionCreateInput)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.create(ctx.actor, input)),

  update: protectedProcedure
    .input(sessionUpdateInput)
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
    .input(sessionPhoneInput)
    .output(pairingCode)
    .mutation(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      return { code: await ctx.services.sessions.requestPairingCode(ctx.actor, input.id, phone) };
    }),

  checkNumber: protectedProcedure
    .input(sessionPhoneInput)
    .output(numberCheck)
    .query(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      const result = await ctx.services.sessions.lookup(ctx.actor, input.id, 'check the number', (engine) =>
        engine.checkNumber(phone),
      );
      return { phone, onWhatsApp: result.onWhatsApp, chatId: result.chatId ?? null };
    }),

  groups: protectedProcedure
    .input(byId)
    .output(z.array(group))
    .query(({ ctx, input }) =>
      ctx.services.sessions.lookup(ctx.actor, input.id, 'list groups', (engine) => engine.listGroups()),
    ),

  chats: protectedProcedure
    .input(byId)
    .output(z.array(chat))
    .query(({ ctx, input }) =>
      ctx.services.sessions.lookup(ctx.actor, input.id, 'list chats', (engine) => engine.listChats()),
    ),

  /**
   * Status changes, QR codes and pairing codes of the sessions the user may see (or of one, with `id`).
   * A new subscriber first gets the current state — including the QR on display — then live events;
   * a reconnecting one (tRPC passes `lastEventId`) gets what it missed instead.
   */
  onEvent: protectedProcedure.input(sessionStreamInput).subscription(({ ctx, input, signal }) =>
    streamChannel(ctx, {
      channel: 'session',
      scope: 'sessions:read',
      schema: sessionEvent,
      sessionId: input?.id,
      lastEventId: input?.lastEventId,
      snapshot: (actor, eventId) => ctx.services.sessions.snapshot(actor, eventId),
      signal,
    }),
  ),
});
