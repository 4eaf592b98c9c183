import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Context, callMutation, findMutation } from '@switchboard/api';
import type { TRPCError } from '@trpc/server';
import { readText } from './json.ts';

/** The request as tRPC's node adapter reads it: a body already read is taken from here. */
type WithBody = IncomingMessage & { body?: string };

/**
 * Answers the commonest tRPC request — one mutation, POSTed as JSON without batching (what API clients
 * and the bench send) — without the standard adapter's conversion to a fetch Request and back, with the
 * same answer (`callMutation`). Anything else, and any body that is not JSON, it leaves to the standard
 * handler, which answers it as before: returns false then, with a body it read handed on in `req.body`.
 */
export function singleMutations(deps: {
  createContext: (req: IncomingMessage, res: ServerResponse) => Context;
  bodyLimit: number;
  onError: (opts: { error: TRPCError; path: string | undefined }) => void;
}) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> => {
    const length = Number(req.headers['content-length']);
    if (
      req.method !== 'POST' ||
      req.url?.includes('?') ||
      req.headers['trpc-accept'] !== undefined ||
      !req.headers['content-type']?.startsWith('application/json') ||
      !(length > 0 && length <= deps.bodyLimit)
    )
      return false;
    const path = decodeURIComponent(pathname.slice('/trpc/'.length));
    const mutation = await findMutation(path);
    if (!mutation) return false;
    const text = await readText(req, deps.bodyLimit);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      (req as WithBody).body = text;
      return false;
    }
    const answer = await callMutation(mutation, deps.createContext(req, res), input);
    if (answer.error) deps.onError({ error: answer.error, path });
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
    return true;
  };
}
