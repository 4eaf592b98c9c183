import { type User, users } from '@switchboard/db';

/** What leaves the auth module about a user: never the password hash. */
export type PublicUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'createdAt'>;

/** Select exactly these columns, so a hash cannot leak through a `select()` of the whole row. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  locale: users.locale,
  createdAt: users.createdAt,
} as const;
