export * from './context.ts';
export { HTTP_STATUS, retryAfterOf } from './errors.ts';
export * from './internal-errors.ts';
export { openApiDocument } from './rest/document.ts';
export { restErrorOf } from './rest/error-body.ts';
export { callRoute, type QueryKind, type RestRoute, restRoutes } from './rest/routes.ts';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export * as schemas from './schemas/index.ts';
export { callMutation, type FoundMutation, findMutation, type SingleCallAnswer } from './single-call.ts';
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
