import { endpointUpdate } from '@switchboard/core';
import { z } from 'zod';
import { check, currentActor } from '../live.ts';
import { rest } from '../rest/meta.ts';
import { ok } from '../schemas/common.ts';
import {
  deliveryListInput,
  deliveryPage,
  replayInput,
  replayResult,
  webhook,
  webhookCreateInput,
  webhookIdInput,
  webhookListInput,
  webhookStreamInput,
  webhookStreamUpdate,
  webhookTestResult,
  webhookUpdateInput,
  webhookWithSecret,
} from '../schemas/webhooks.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const webhooksRouter = router({
  /** Endpoints the user may manage: their accounts' (admins: all, including global ones). */
  list: protectedProcedure
    .meta(rest('GET', '/webhooks', { tag: 'Webhooks', summary: 'List webhook endpoints' }))
    .input(webhookListInput)
    .output(z.array(webhook))
    .query(({ ctx, input }) => ctx.services.webhooks.list(ctx.actor, { sessionId: input?.sessionId })),

  /** `sessionId: null` makes a global endpoint (admins only). The secret is in this answer only. */
  create: protectedProcedure
    .meta(
      rest('POST', '/webhooks', {
        tag: 'Webhooks',
        summary: 'Add a webhook endpoint',
        description:
          'The signing secret is in this answer only. `sessionId: null` makes an endpoint for every account (admins).',
        errors: [404],
      }),
    )
    .input(webhookCreateInput)
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.create(ctx.actor, input)),

  update: protectedProcedure
    .meta(rest('PATCH', '/webhooks/{id}', { tag: 'Webhooks', summary: 'Change a webhook endpoint' }))
    .input(webhookUpdateInput)
    .output(webhook)
    .mutation(({ ctx, input }) => ctx.services.webhooks.update(ctx.actor, input)),

  delete: protectedProcedure
    .meta(rest('DELETE', '/webhooks/{id}', { tag: 'Webhooks', summary: 'Delete a webhook endpoint' }))
    .input(webhookIdInput)
    .output(ok)
    .mutation(({ ctx, input }) => {
      ctx.services.webhooks.delete(ctx.actor, input.id);
      return { ok: true as const };
    }),

  /** A new secret (shown once); the previous one keeps signing beside it for 24 h. */
  rotateSecret: protectedProcedure
    .meta(
      rest('POST', '/webhooks/{id}/rotate-secret', {
        tag: 'Webhooks',
        summary: 'Rotate the signing secret',
        description:
          'The new secret is in this answer only; the previous one keeps signing beside it for 24 hours.',
      }),
    )
    .input(webhookIdInput)
    .output(webhookWithSecret)
    .mutation(({ ctx, input }) => ctx.services.webhooks.rotateSecret(ctx.actor, input.id)),

  /** Sends a signed `webhook.test` event now and says what the endpoint answered. */
  test: protectedProcedure
    .meta(
      rest('POST', '/webhooks/{id}/test', {
        tag: 'Webhooks',
        summary: 'Send a test event now',
        errors: [429],
      }),
    )
    .input(webhookIdInput)
    .output(webhookTestResult)
    .mutation(({ ctx, input }) => ctx.services.webhooks.test(ctx.actor, input.id)),

  /** The delivery log, newest first, with every attempt; pass `nextCursor` back as `cursor`. */
  deliveries: protectedProcedure
    .meta(
      rest('GET', '/webhook-deliveries', {
        tag: 'Webhooks',
        summary: 'The delivery log, newest first, with every attempt',
      }),
    )
    .input(deliveryListInput)
    .output(deliveryPage)
    .query(({ ctx, input }) => ctx.services.webhooks.deliveries(ctx.actor, input)),

  /** Sends again one delivery, or every failed delivery of an endpoint, freshly signed. */
  replay: protectedProcedure
    .meta(
      rest('POST', '/webhook-deliveries/replay', {
        tag: 'Webhooks',
        summary: 'Send deliveries again',
        description:
          'One delivery (`deliveryId`), or every failed delivery of an endpoint (`webhookId`), freshly signed.',
        errors: [404, 409],
      }),
    )
    .input(replayInput)
    .output(replayResult)
    .mutation(({ ctx, input }) => ctx.services.webhooks.replay(ctx.actor, input)),

  /**
   * Live deliveries: each one as it is queued, attempted or queued again, with its endpoint's health — of one
   * endpoint, of one account's endpoints, or of every visible one — and each endpoint added, changed or
   * removed, by whoever did it. Nothing is gathered while nobody watches.
   */
  onUpdate: protectedProcedure.input(webhookStreamInput).subscription(({ ctx, input, signal }) => {
    const { access, bus, webhooks } = ctx.services;
    const filter = input ?? {};
    // Checked and listening before the stream is reported started: a refusal fails the subscription itself,
    // and a change right after the start is not missed.
    check(() => webhooks.assertMayWatch(currentActor(ctx), filter));
    const changes = bus.webhookChanges(signal);
    return (async function* () {
      for await (const change of changes) {
        const actor = currentActor(ctx);
        const update =
          'deliveryId' in change
            ? webhooks.change(actor, change, filter)
            : endpointUpdate(access, actor, change, filter);
        if (update) yield webhookStreamUpdate.parse(update);
      }
    })();
  }),
});
