import { type Access, type Actor, hasScope, isAdmin } from '../access.ts';
import type { EndpointChange } from '../events.ts';
import type { DeliveryWatch } from './service.ts';

const SCOPE = 'webhooks:manage';

/** An endpoint that changed, as a watcher is told of it: which one and whose (null: server-wide). */
export interface EndpointUpdate {
  endpoint: { id: string; accountId: string | null };
}

/**
 * What a watcher sees of an endpoint's change, settled by the account it belongs to (it may be gone): null
 * outside the filter, or when the actor may not see that account's endpoints — a server-wide one is an
 * admin's only, as everywhere else.
 */
export function endpointUpdate(
  access: Access,
  actor: Actor,
  change: EndpointChange,
  filter: DeliveryWatch,
): EndpointUpdate | null {
  if (filter.webhookId && change.webhookId !== filter.webhookId) return null;
  if (filter.sessionId && change.accountId !== filter.sessionId) return null;
  if (!hasScope(actor, SCOPE)) return null;
  const visible =
    change.accountId === null ? isAdmin(actor) : access.visible(actor, change.accountId, SCOPE) !== undefined;
  return visible ? { endpoint: { id: change.webhookId, accountId: change.accountId } } : null;
}
