import { checkNumberLines, normalisePhone } from '@switchboard/core';
import { z } from 'zod';
import { streamChannel } from '../live.ts';
import { rest } from '../rest/meta.ts';
import { noInput, ok } from '../schemas/common.ts';
import {
  bulkResult,
  byId,
  chat,
  engineInfo,
  group,
  numberCheck,
  numberCheckLine,
  numberChecksInput,
  pairingCode,
  qrCode,
  session,
  sessionCreateInput,
  sessionIdsInput,
  sessionListInput,
  sessionPage,
  sessionPageInput,
  sessionPhoneInput,
  sessionStats,
  sessionStreamEvent,
  sessionStreamInput,
  sessionTransferInput,
  sessionUpdateInput,
} from '../schemas/sessions.ts';
import { protectedProcedure, router } from '../trpc.ts';
import { sessionHistoryProcedures } from './session-history.ts';

export const sessionsRouter = router({
  list: protectedProcedure
    .meta(
      rest('GET', '/sessions', {
        tag: 'Sessions',
        summary: 'List the sessions you can see',
        description:
          'Every one, or those matching `search` (name, id or phone), `status`, `engine` and `ownerId`, sorted by `sort`.',
      }),
    )
    .input(sessionListInput)
    .output(z.array(session))
    .query(({ ctx, input }) => ctx.services.sessions.list(ctx.actor, input ?? {})),

  /** Like `list`, a page at a time with the number of matches: for tables of hundreds of sessions. */
  page: protectedProcedure
    .input(sessionPageInput)
    .output(sessionPage)
    .query(({ ctx, input }) => {
      const { limit, offset, ...query } = input;
      return ctx.services.sessions.page(ctx.actor, query, { limit, offset });
    }),

  byId: protectedProcedure
    .meta(rest('GET', '/sessions/{id}', { tag: 'Sessions', summary: 'Get a session' }))
    .input(byId)
    .output(session)
    .query(({ ctx, input }) => ctx.services.sessions.get(ctx.actor, input.id)),

  stats: protectedProcedure
    .input(noInput)
    .output(sessionStats)
    .query(({ ctx }) => ctx.services.sessions.stats(ctx.actor)),

  /** The engines this server offers, so a client can offer exactly those (and steer clear of an unreachable one). */
  engines: protectedProcedure
    .meta(
      rest('GET', '/engines', {
        tag: 'Sessions',
        summary: 'The engines this server offers',
        description:
          '`reachable` says whether the engine reached WhatsApp at its last attempt (`null`: not tried yet, or the sandbox, which needs no network); `checkedAt` is when.',
      }),
    )
    .input(noInput)
    .output(z.array(engineInfo))
    .query(({ ctx }) => ctx.services.sessions.engines()),

  /** The QR code on display, to render yourself; `GET /api/v1/sessions/{id}/qr.png` serves it as an image. */
  qr: protectedProcedure
    .meta(
      rest('GET', '/sessions/{id}/qr', {
        tag: 'Sessions',
        summary: 'The QR code to scan, as text',
        description:
          'The exact string to encode in a QR code, while the session shows one (status `qr`); it changes every 20 s or so. `/qr.png` serves it as an image.',
        errors: [412],
      }),
    )
    .input(byId)
    .output(qrCode)
    .query(({ ctx, input }) => ctx.services.sessions.qr(ctx.actor, input.id)),

  create: protectedProcedure
    .meta(
      rest('POST', '/sessions', {
        tag: 'Sessions',
        summary: 'Create a session',
        description:
          'It starts at once unless `start` is false; a new sandbox or WhatsApp Web session then shows a QR code.',
        errors: [409],
      }),
    )
    .input(sessionCreateInput)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.create(ctx.actor, input)),

  update: protectedProcedure
    .meta(
      rest('PATCH', '/sessions/{id}', {
        tag: 'Sessions',
        summary: "Change a session's name, auto-start or proxy",
        description: 'What is left out stays as it is. A new proxy is used from the next start.',
      }),
    )
    .input(sessionUpdateInput)
    .output(session)
    .mutation(({ ctx, input }) => {
      const { id, ...changes } = input;
      return ctx.services.sessions.update(ctx.actor, id, changes);
    }),

  transfer: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/transfer', {
        tag: 'Sessions',
        summary: 'Hand a session to another user (admins)',
        description: 'With its messages, conversations and webhooks; within that user’s session limit.',
        errors: [412],
      }),
    )
    .input(sessionTransferInput)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.transfer(ctx.actor, input.id, input.ownerId)),

  ...sessionHistoryProcedures,

  startMany: bulk('start', 'Start several sessions'),
  stopMany: bulk('stop', 'Stop several sessions'),
  restartMany: bulk('restart', 'Restart several sessions'),

  start: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/start', { tag: 'Sessions', summary: 'Start a session', errors: [409] }),
    )
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.start(ctx.actor, input.id)),

  stop: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/stop', { tag: 'Sessions', summary: 'Stop a session (it stays linked)' }),
    )
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.stop(ctx.actor, input.id)),

  restart: protectedProcedure
    .meta(rest('POST', '/sessions/{id}/restart', { tag: 'Sessions', summary: 'Restart a session' }))
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.restart(ctx.actor, input.id)),

  logout: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/logout', {
        tag: 'Sessions',
        summary: 'Log a session out',
        description: 'Unlinks it from the phone and deletes its login: it needs a new QR scan.',
      }),
    )
    .input(byId)
    .output(session)
    .mutation(({ ctx, input }) => ctx.services.sessions.logout(ctx.actor, input.id)),

  delete: protectedProcedure
    .meta(
      rest('DELETE', '/sessions/{id}', {
        tag: 'Sessions',
        summary: 'Delete a session',
        description: 'Logs it out and deletes it with its messages, conversations and webhooks. Final.',
      }),
    )
    .input(byId)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await ctx.services.sessions.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  requestPairingCode: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/pairing-code', {
        tag: 'Sessions',
        summary: 'Request a pairing code',
        description: 'For linking without a camera: type the code on the phone whose number is given.',
        errors: [412],
      }),
    )
    .input(sessionPhoneInput)
    .output(pairingCode)
    .mutation(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      return { code: await ctx.services.sessions.requestPairingCode(ctx.actor, input.id, phone) };
    }),

  checkNumber: protectedProcedure
    .meta(
      rest('GET', '/sessions/{id}/check-number', {
        tag: 'Sessions',
        summary: 'Check whether a number is on WhatsApp',
        errors: [412],
      }),
    )
    .input(sessionPhoneInput)
    .output(numberCheck)
    .query(async ({ ctx, input }) => {
      const phone = normalisePhone(input.phone);
      const result = await ctx.services.sessions.lookup(ctx.actor, input.id, 'check the number', (engine) =>
        engine.checkNumber(phone),
      );
      return { phone, onWhatsApp: result.onWhatsApp, chatId: result.chatId ?? null };
    }),

  checkNumbers: protectedProcedure
    .meta(
      rest('POST', '/sessions/{id}/check-numbers', {
        tag: 'Sessions',
        summary: 'Check up to 100 numbers on WhatsApp at once',
        description:
          'One result per given line, in order. A line that is not a phone number comes back with `problem` and `onWhatsApp: null`; the others are still checked.',
        errors: [412],
      }),
    )
    .input(numberChecksInput)
    .output(z.array(numberCheckLine))
    .mutation(async ({ ctx, input }) => {
      const lines = await ctx.services.sessions.lookup(ctx.actor, input.id, 'check the numbers', (engine) =>
        checkNumberLines(input.phones, (digits) => engine.checkNumber(digits)),
      );
      return lines.map(({ problem, ...line }) => ({
        ...line,
        problem: problem?.text ?? null,
        problemCoded: problem?.coded ?? null,
      }));
    }),

  groups: protectedProcedure
    .meta(
      rest('GET', '/sessions/{id}/groups', {
        tag: 'Sessions',
        summary: 'The groups the account is in',
        errors: [412],
      }),
    )
    .input(byId)
    .output(z.array(group))
    .query(({ ctx, input }) =>
      ctx.services.sessions.lookup(ctx.actor, input.id, 'list groups', (engine) => engine.listGroups()),
    ),

  chats: protectedProcedure
    .meta(
      rest('GET', '/sessions/{id}/chats', { tag: 'Sessions', summary: "The account's chats", errors: [412] }),
    )
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
      schema: sessionStreamEvent,
      sessionId: input?.id,
      lastEventId: input?.lastEventId,
      snapshot: (actor, eventId) => ctx.services.sessions.snapshot(actor, eventId),
      bundle: input?.batchSnapshot
        ? (events, id) => ({
            id,
            type: 'snapshot' as const,
            events: events.filter((e) => e.type !== 'snapshot'),
          })
        : undefined,
      signal,
    }),
  ),
});

/** `startMany`, `stopMany`, `restartMany`: one command on up to 100 sessions, answered per session. */
function bulk(command: 'start' | 'stop' | 'restart', summary: string) {
  return protectedProcedure
    .meta(
      rest('POST', `/sessions/${command}-many`, {
        tag: 'Sessions',
        summary,
        description:
          'Each session answers on its own: one refused (e.g. not found) does not stop the others.',
      }),
    )
    .input(sessionIdsInput)
    .output(z.array(bulkResult))
    .mutation(({ ctx, input }) => ctx.services.sessions.bulk(ctx.actor, command, input.ids));
}
