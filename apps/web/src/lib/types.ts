import type { AppRouter } from '@switchboard/api';
import type { inferRouterOutputs } from '@trpc/server';

/** The wire shapes, read from the API's router so the dashboard cannot drift from the server. */
type Outputs = inferRouterOutputs<AppRouter>;

export type Session = Outputs['sessions']['list'][number];
export type SessionStatus = Session['status'];
export type EngineName = Outputs['sessions']['engines'][number]['name'];
export type Message = Outputs['messages']['list']['items'][number];
export type MessageStatus = Message['status'];
export type MessagePage = Outputs['messages']['list'];
export type MessageMedia = NonNullable<Message['media']>;
export type MessageLocation = NonNullable<Message['location']>;
export type MediaFile = Outputs['media']['byId'];
export type User = Outputs['users']['list'][number];
export type UserRole = User['role'];

/** What a subscription yields: tRPC hands tracked events over as `{ id, data }`. */
type Yielded<T> = T extends AsyncIterable<infer U> ? U : never;
export type SessionStreamMessage = Yielded<Outputs['sessions']['onEvent']>['data'];
/** One session's event; the stream's `snapshot` message carries several. */
export type SessionEvent = Exclude<SessionStreamMessage, { type: 'snapshot' }>;
/** One entry of a session's persisted history (the timeline, the event monitor). */
export type HistoryEntry = Outputs['sessions']['history']['items'][number];

export type Conversation = Outputs['conversations']['byId'];
/** A listed conversation: with the message its search matched, if the words of one did. */
export type ConversationItem = Outputs['conversations']['list']['items'][number];
export type ConversationPage = Outputs['conversations']['list'];
export type ContactPage = Outputs['contacts']['list'];
/** A contact in the contacts list, with its conversation (null before any message). */
export type ListedContact = ContactPage['items'][number];
export type Group = Outputs['sessions']['groups'][number];
export type NumberCheckLine = Outputs['sessions']['checkNumbers'][number];
export type Assignee = Outputs['conversations']['assignees'][number];
export type Webhook = Outputs['webhooks']['list'][number];
export type WebhookWithSecret = Outputs['webhooks']['create'];
export type WebhookEvent = Webhook['events'][number];
export type WebhookDelivery = Outputs['webhooks']['deliveries']['items'][number];
export type WebhookTestResult = Outputs['webhooks']['test'];

export type Campaign = Outputs['campaigns']['byId'];
export type CampaignStatus = Campaign['status'];
export type CampaignPacing = Campaign['pacing'];
export type CampaignRecipient = Outputs['campaigns']['recipients']['items'][number];
export type ImportReport = Outputs['campaigns']['addAudience'];
export type Pool = Outputs['pools']['list'][number];
export type Suppression = Outputs['optOuts']['list']['items'][number];
export type ApiKey = Outputs['apiKeys']['list'][number];
export type ApiKeyScope = ApiKey['scopes'][number];
export type SessionStats = Outputs['stats']['sessions'];
export type MessageStats = Outputs['stats']['messages'];
export type AttentionItem = Outputs['stats']['attention'][number];
export type FailingWebhook = Outputs['stats']['webhooks'][number];
