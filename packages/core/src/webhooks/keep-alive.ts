import type { Socket } from 'node:net';
import { buildConnector, Client } from 'undici';
import { classifyAddress } from '../outbound/address-ranges.ts';
import { guardedLookup } from '../outbound/guarded-lookup.ts';
import type { UrlPolicy } from '../outbound/url-policy.ts';

/** How long an idle connection to an endpoint is kept for the next delivery (less if the endpoint says so). */
const IDLE_MS = 15_000;

/**
 * One keep-alive connection to an origin: an undici `Client` (one socket at a time, one request on it at a
 * time; about half the CPU of Node's `http` client for a delivery), and whether the address it is connected
 * to is private or loopback. The handler of a request is never shown its socket, so the peer is noted here,
 * as the socket connects; a connection carries one request at a time, so that is the answering peer.
 */
class Connection {
  readonly client: Client;
  privatePeer = false;

  constructor(origin: string, connect: buildConnector.connector) {
    this.client = new Client(origin, {
      keepAliveTimeout: IDLE_MS,
      keepAliveMaxTimeout: IDLE_MS,
      // The delivery's own timeout covers the whole request; undici's would only cut it shorter.
      headersTimeout: 0,
      bodyTimeout: 0,
      connect: (options, callback) =>
        connect(options, (error, socket) => {
          if (socket) {
            const from = (socket as Socket).remoteAddress;
            this.privatePeer = from !== undefined && classifyAddress(from)?.kind !== 'public';
          }
          (callback as (error: Error | null, socket: Socket | null) => void)(error, socket);
        }),
    });
  }
}

/**
 * The keep-alive connections of one origin under one target rule. A delivery takes an idle one (or a new
 * one) and gives it back when it is answered, so deliveries to endpoints on the same origin never queue
 * behind each other, as with an `http.Agent`. Every connection's address is checked against the rule's
 * policy as it opens (`guardedLookup`), so a name that changes what it points at is caught then.
 */
export class OriginConnections {
  readonly #idle: Connection[] = [];
  readonly #all = new Set<Connection>();
  readonly #connect: buildConnector.connector;

  constructor(
    private readonly origin: string,
    policy: UrlPolicy,
  ) {
    // `timeout: 0`: no connect timeout of undici's own; the delivery's covers connecting too.
    this.#connect = buildConnector({ lookup: guardedLookup(policy), timeout: 0 });
  }

  take(): Connection {
    const idle = this.#idle.pop();
    if (idle) return idle;
    const connection = new Connection(this.origin, this.#connect);
    this.#all.add(connection);
    return connection;
  }

  /** Back for the next delivery; `reusable: false` (cut short mid-request) closes it instead. */
  give(connection: Connection, reusable: boolean): void {
    if (reusable) {
      this.#idle.push(connection);
      return;
    }
    this.#all.delete(connection);
    void connection.client.destroy().catch(() => undefined);
  }

  /** Closes every connection (shutdown, or a one-off post done). */
  destroy(): void {
    for (const connection of this.#all) void connection.client.destroy().catch(() => undefined);
    this.#all.clear();
    this.#idle.length = 0;
  }
}

/**
 * Keep-alive connections to webhook endpoints, per origin and per target rule, so deliveries to an endpoint
 * reuse their connection instead of opening one each. The rule is part of the key because the address check
 * happens when a connection opens: an endpoint an operator set must never ride a connection opened for an
 * admin's (which may reach private addresses) on the same origin.
 */
export class KeepAliveConnections {
  readonly #origins = new Map<string, OriginConnections>();

  for({ origin }: URL, urlSetByAdmin: boolean, policy: UrlPolicy): OriginConnections {
    const key = `${origin} ${urlSetByAdmin ? 'admin' : 'operator'}`;
    let connections = this.#origins.get(key);
    if (!connections) {
      connections = new OriginConnections(origin, policy);
      this.#origins.set(key, connections);
    }
    return connections;
  }

  /** Closes every connection (shutdown). */
  destroy(): void {
    for (const connections of this.#origins.values()) connections.destroy();
    this.#origins.clear();
  }
}
