export * from './context.ts';
export { HTTP_STATUS, publicMessage, retryAfterOf } from './errors.ts';
export * from './internal-errors.ts';
export { openApiDocument, type RestErrorBody, restError } from './rest/document.ts';
export { type RestErrorAnswer, restErrorOf } from './rest/error-body.ts';
export { REST_VERSION_PREFIX } from './rest/meta.ts';
export { callRoute, type QueryKind, type RestRoute, restRoutes } from './rest/routes.ts';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export * as schemas from './schemas/index.ts';
export { StreamSlots } from './stream-slots.ts';
export {
  adminProcedure,
  createCallerFactory,
  KEY_REFUSED,
  protectedProcedure,
  publicProcedure,
  router,
  signedInProcedure,
} from './trpc.ts';
