export * from './context.ts';
export { HTTP_STATUS } from './errors.ts';
export * from './internal-errors.ts';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export * as schemas from './schemas/index.ts';
export { StreamSlots } from './stream-slots.ts';
export { adminProcedure, createCallerFactory, protectedProcedure, publicProcedure, router } from './trpc.ts';
