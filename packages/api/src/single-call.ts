import type { TRPCError } from '@trpc/server';
import {
  type AnyMiddlewareFunction,
  type AnyProcedure,
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  type MiddlewareResult,
  middlewareMarker,
  type ProcedureCallOptions,
  transformTRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { Context } from './context.ts';
import { retryAfterOf } from './errors.ts';
import { appRouter } from './root.ts';

/** What tRPC's HTTP handler answers a single call with: status, extra headers and the JSON body. */
export interface SingleCallAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The error the call ended in, for the server's log (null on success). */
  error: TRPCError | null;
}

const config = appRouter._def._config;

/** A mutation found by its path, which a single (non-batched) POST may call through `callMutation`. */
export interface FoundMutation {
  path: string;
  procedure: AnyProcedure;
}

/** The mutation at `path`, or null when there is none (then the standard handler answers). */
export async function findMutation(path: string): Promise<FoundMutation | null> {
  const procedure = await getProcedureAtPath(appRouter, path);
  return procedure?._def.type === 'mutation' ? { path, procedure } : null;
}

/**
 * Runs one mutation as tRPC's HTTP handler runs a non-batched POST — the procedure with every middleware,
 * input and output validation — and answers with the same status, headers and body, errors shaped by the
 * router's own error formatter. It skips only the fetch Request/Response round trip the standard adapter
 * makes of every request, which costs as much CPU as the send itself.
 */
export async function callMutation(
  { path, procedure }: FoundMutation,
  ctx: Context,
  rawInput: unknown,
): Promise<SingleCallAnswer> {
  const input = config.transformer.input.deserialize(rawInput);
  let answer: { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
  let error: TRPCError | null = null;
  try {
    const data = await invoke(procedure, {
      path,
      getRawInput: async () => input,
      ctx,
      type: 'mutation',
      signal: undefined,
      batchIndex: 0,
    });
    answer = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    answer = { error: getErrorShape({ config, ctx, error, input, path, type: 'mutation' }) };
  }
  const wait = error ? retryAfterOf(error) : null;
  return {
    status: getHTTPStatusCode(answer),
    headers: {
      vary: 'trpc-accept, accept',
      'content-type': 'application/json',
      ...(wait ? { 'Retry-After': String(wait) } : {}),
    },
    body: JSON.stringify(transformTRPCResponse(config, answer)),
    error,
  };
}

type CallOptions = ProcedureCallOptions<Context> & { input?: unknown };
type NextOptions = { ctx?: object; input?: unknown; getRawInput?: CallOptions['getRawInput'] } | undefined;

/**
 * Calls a procedure as tRPC's own caller does — each middleware in turn, each level given the options of the
 * one before with its `next` overrides — but building each level's options as one literal. tRPC's build
 * copies them with a helper that defines each property one by one, four times a level, which cost a send
 * more CPU than validating its input and output.
 */
async function invoke(procedure: AnyProcedure, opts: CallOptions): Promise<unknown> {
  // What tRPC keeps of a procedure beyond its public type; one with a caller of its own is called as it is.
  const { middlewares, meta, caller } = procedure._def as unknown as {
    middlewares?: AnyMiddlewareFunction[];
    meta: unknown;
    caller?: unknown;
  };
  if (!middlewares || caller) return procedure(opts);
  const result = await level(middlewares, meta, 0, opts);
  if (!result.ok) throw result.error;
  return result.data;
}

async function level(
  middlewares: AnyMiddlewareFunction[],
  meta: unknown,
  index: number,
  opts: CallOptions,
): Promise<MiddlewareResult<unknown>> {
  const { ctx, getRawInput, input, path, type, signal, batchIndex } = opts;
  try {
    return await middlewares[index]!({
      ctx,
      getRawInput,
      input,
      path,
      type,
      signal,
      batchIndex,
      meta,
      next: (next: NextOptions) =>
        level(middlewares, meta, index + 1, {
          ctx: next?.ctx ? { ...ctx, ...next.ctx } : ctx,
          getRawInput: next?.getRawInput ?? getRawInput,
          input: next && 'input' in next ? next.input : input,
          path,
          type,
          signal,
          batchIndex,
        }),
    } as Parameters<AnyMiddlewareFunction>[0]);
  } catch (cause) {
    return { ok: false, error: getTRPCErrorFromUnknown(cause), marker: middlewareMarker };
  }
}
