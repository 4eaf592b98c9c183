import { z } from 'zod';
import { noInput } from '../schemas/common.ts';
import { mediaFetchInput, mediaId, mediaLimits, mediaView } from '../schemas/media.ts';
import { protectedProcedure, router } from '../trpc.ts';

/**
 * Stored files. Uploading is plain HTTP (`POST /api/v1/media`, multipart, streamed) and so is reading a
 * file (`GET /api/v1/media/{id}`); these procedures describe files and fetch URLs.
 */
export const mediaRouter = router({
  byId: protectedProcedure
    .input(z.object({ id: mediaId }))
    .output(mediaView)
    .query(({ ctx, input }) => ctx.services.media.get(ctx.actor, input.id)),

  /** Fetches a file from an http(s) URL into storage for sending from the session, like an upload. */
  fetch: protectedProcedure
    .input(mediaFetchInput)
    .output(mediaView)
    .mutation(({ ctx, input }) => ctx.services.media.fetch(ctx.actor, input)),

  /** The size caps per message type on this server, in bytes. */
  limits: protectedProcedure
    .input(noInput)
    .output(mediaLimits)
    .query(({ ctx }) => ctx.services.media.limits()),
});
