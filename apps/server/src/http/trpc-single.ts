import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Context, callMutation, isMutation } from '@switchboard/api';
import type { TRPCError } from '@trpc/server';

/** The request as tRPC's node adapter reads it: a body already read is taken from here. */
type WithBody = IncomingMessage & { body?: string };

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

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
    if (!(await isMutation(path))) return false;
    const text = await readText(req);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      (req as WithBody).body = text;
      return false;
    }
    const answer = await callMutation(path, deps.createContext(req, res), input);
    if (answer.error) deps.onError({ error: answer.error, path });
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    res.end(answer.body);
    return true;
  };
}
