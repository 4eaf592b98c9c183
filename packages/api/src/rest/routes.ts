import {
  forEachOpenApiProcedure,
  getInputOutputParsers,
  instanceofZodTypeKind,
  instanceofZodTypeObject,
  type OpenApiMethod,
  type OpenApiProcedureRecord,
  unwrapZodType,
} from 'trpc-to-openapi';
import type { Context } from '../context.ts';
import { appRouter, createCaller } from '../root.ts';

/** How a query-string value becomes the input's value (a query string only carries text). */
export type QueryKind = 'number' | 'boolean' | 'string';

/** One REST endpoint: a procedure with `rest()` meta, and how to build its input from a request. */
export interface RestRoute {
  method: OpenApiMethod;
  /** As documented, e.g. `/v1/sessions/{id}`. */
  path: string;
  /** Matches the path below `/api`; its named groups are the path parameters. */
  pattern: RegExp;
  /** The tRPC procedure it calls, e.g. `sessions.byId`. */
  procedure: string;
  /** Whether the procedure takes any input at all. */
  takesInput: boolean;
  /** The input's top-level fields and how to read each from a query string. */
  queryKinds: Record<string, QueryKind>;
  /** Request headers read into the input: lowercase header name → field (`idempotency-key` → `idempotencyKey`). */
  headerFields: Array<[header: string, field: string]>;
}

const camelCase = (header: string) =>
  header.toLowerCase().replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function queryKind(schema: Parameters<typeof unwrapZodType>[0]): QueryKind {
  const inner = unwrapZodType(schema, true);
  if (instanceofZodTypeKind(inner, 'number')) return 'number';
  if (instanceofZodTypeKind(inner, 'boolean')) return 'boolean';
  return 'string';
}

/**
 * The REST endpoints, read from the procedures' meta — the same procedures the tRPC API serves, so both
 * run the same checks and schemas. Subscriptions are not REST endpoints (they stream over the WebSocket).
 */
export function restRoutes(): RestRoute[] {
  const routes: RestRoute[] = [];
  forEachOpenApiProcedure(
    appRouter._def.procedures as OpenApiProcedureRecord,
    ({ path, type, procedure, meta }) => {
      if (type === 'subscription') return;
      const { method, path: restPath, requestHeaders } = meta.openapi;
      const { inputParser, hasInputsDefined } = getInputOutputParsers(procedure);
      const input = unwrapZodType(inputParser, true);
      const queryKinds: Record<string, QueryKind> = {};
      if (instanceofZodTypeObject(input))
        for (const [field, schema] of Object.entries(input.shape)) queryKinds[field] = queryKind(schema);
      routes.push({
        method,
        path: restPath,
        pattern: new RegExp(`^${restPath.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
        procedure: path,
        takesInput: hasInputsDefined,
        queryKinds,
        headerFields: Object.keys(requestHeaders?.shape ?? {}).map((h) => [h.toLowerCase(), camelCase(h)]),
      });
    },
  );
  return routes;
}

type ProcedureCall = (input: unknown) => Promise<unknown>;

/**
 * Calls a route's procedure the way tRPC does — through every middleware (who is asking, the key's rate
 * limit, scopes) and both schemas — and returns its output.
 */
export function callRoute(route: RestRoute, ctx: Context, input: unknown): Promise<unknown> {
  const [domain = '', name = ''] = route.procedure.split('.');
  const caller = createCaller(ctx) as unknown as Record<string, Record<string, ProcedureCall>>;
  const call = caller[domain]?.[name];
  if (!call) throw new Error(`No procedure ${route.procedure} for ${route.method} ${route.path}`);
  return call(input);
}
