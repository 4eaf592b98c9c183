import { errorMessage } from '../timeout.ts';
import { type PostTarget, postTarget } from './http-post.ts';
import { KeepAliveConnections } from './keep-alive.ts';
import { type PrivateTargetRules, targetPolicy } from './target-policy.ts';

/** More URLs than any server has endpoints: past it the cache starts again (URLs that changed drop out). */
const MOST_TARGETS = 1_000;

/**
 * The checked target of each endpoint URL under its rule (set by an admin or not), made on its first
 * delivery and reused for the next ones, with the keep-alive connections of its origin. The check is the
 * same on every delivery (the URL and the rules are), so it is done once; the address check on connecting
 * still runs for every connection.
 */
export class EndpointTargets {
  readonly #connections = new KeepAliveConnections();
  /** By rule and URL: the target, or why the URL is refused. */
  readonly #targets = new Map<string, PostTarget | { refused: string }>();

  constructor(private readonly rules: PrivateTargetRules) {}

  for(rawUrl: string, urlSetByAdmin: boolean): PostTarget | { refused: string } {
    const key = `${urlSetByAdmin ? 'admin' : 'operator'} ${rawUrl}`;
    let target = this.#targets.get(key);
    if (!target) {
      const policy = targetPolicy(this.rules, urlSetByAdmin);
      try {
        // Checked before connections are asked for, so a refused URL never gets any.
        target = postTarget(rawUrl, policy, (url) => this.#connections.for(url, urlSetByAdmin, policy));
      } catch (error) {
        target = { refused: errorMessage(error) };
      }
      if (this.#targets.size >= MOST_TARGETS) this.#targets.clear();
      this.#targets.set(key, target);
    }
    return target;
  }

  /** Closes every connection (shutdown). */
  destroy(): void {
    this.#connections.destroy();
    this.#targets.clear();
  }
}
