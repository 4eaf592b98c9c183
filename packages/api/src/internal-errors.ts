import { randomBytes } from 'node:crypto';

const refs = new WeakMap<object, string>();

/**
 * A short reference tying the generic answer to an internal error to the log line with its details. Kept
 * per error object, so the response and the log agree whichever of the two asks first.
 */
export function errorRef(error: object): string {
  let ref = refs.get(error);
  if (!ref) {
    ref = `err_${randomBytes(5).toString('hex')}`;
    refs.set(error, ref);
  }
  return ref;
}

/** What a client is told about a failure that is ours: never its message (paths, SQL), just where to look. */
export const internalErrorMessage = (ref: string) =>
  `Something went wrong on the server (reference ${ref}); the details are in the server's log`;
