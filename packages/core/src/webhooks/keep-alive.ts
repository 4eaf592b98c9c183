import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** How long an idle connection to an endpoint is kept for the next delivery (less if the endpoint says so). */
const IDLE_MS = 15_000;

/**
 * Keep-alive connections to webhook endpoints: one agent per origin and per target rule, so deliveries to
 * an endpoint reuse their connection instead of opening one each. The rule is part of the key because the
 * address check happens when a connection opens: an endpoint an operator set must never ride a connection
 * opened for an admin's (which may reach private addresses) on the same origin.
 */
export class KeepAliveAgents {
  readonly #agents = new Map<string, HttpAgent>();

  for({ protocol, host }: URL, urlSetByAdmin: boolean): HttpAgent {
    const key = `${protocol}//${host} ${urlSetByAdmin ? 'admin' : 'operator'}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, timeout: IDLE_MS, scheduling: 'lifo' as const };
      agent = protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  /** Closes every connection (shutdown). */
  destroy(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
  }
}
