export * from './context.ts';
export { type AppRouter, appRouter, createCaller } from './root.ts';
export * as schemas from './schemas.ts';
export { adminProcedure, createCallerFactory, protectedProcedure, publicProcedure, router } from './trpc.ts';
