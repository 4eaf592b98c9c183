import { type UrlPolicy, validateUrl } from '../outbound/url-policy.ts';

/** Which endpoints may reach private and loopback addresses (link-local, metadata and the like: none). */
export interface PrivateTargetRules {
  /** Nobody may (WEBHOOK_BLOCK_PRIVATE=true). */
  blockPrivate: boolean;
  /** Operators may too, not only endpoints whose URL an admin set (WEBHOOK_PRIVATE_FOR_OPERATORS=true). */
  privateForOperators: boolean;
}

/** The address policy for an endpoint whose URL was set with an admin's say (`urlSetByAdmin`) or without. */
export function targetPolicy(rules: PrivateTargetRules, urlSetByAdmin: boolean): UrlPolicy {
  if (rules.blockPrivate) return { privateRefused: ' (WEBHOOK_BLOCK_PRIVATE=true)' };
  if (urlSetByAdmin || rules.privateForOperators) return { privateRefused: null };
  return {
    privateRefused:
      ': only an admin can add an endpoint for one (or set WEBHOOK_PRIVATE_FOR_OPERATORS=true to let operators)',
  };
}

export const validateWebhookUrl = (raw: string, policy: UrlPolicy) => validateUrl(raw, policy, 'Webhook URL');
