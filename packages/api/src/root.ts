import { apiKeysRouter } from './routers/api-keys.ts';
import { authRouter } from './routers/auth.ts';
import { campaignsRouter } from './routers/campaigns.ts';
import { contactsRouter } from './routers/contacts.ts';
import { conversationsRouter } from './routers/conversations.ts';
import { mediaRouter } from './routers/media.ts';
import { messagesRouter } from './routers/messages.ts';
import { optOutsRouter } from './routers/opt-outs.ts';
import { poolsRouter } from './routers/pools.ts';
import { sessionsRouter } from './routers/sessions.ts';
import { statsRouter } from './routers/stats.ts';
import { usersRouter } from './routers/users.ts';
import { webhooksRouter } from './routers/webhooks.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  apiKeys: apiKeysRouter,
  sessions: sessionsRouter,
  messages: messagesRouter,
  media: mediaRouter,
  webhooks: webhooksRouter,
  conversations: conversationsRouter,
  contacts: contactsRouter,
  pools: poolsRouter,
  campaigns: campaignsRouter,
  optOuts: optOutsRouter,
  stats: statsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
