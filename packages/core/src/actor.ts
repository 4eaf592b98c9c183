import type { UserRole } from '@switchboard/validators';

/** Who is asking. Every service method that touches owned data takes one and checks it. */
export interface Actor {
  id: string;
  role: UserRole;
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';

/** Admins see everything; operators only what they own. */
export const canSee = (actor: Actor, ownerId: string) => isAdmin(actor) || actor.id === ownerId;
