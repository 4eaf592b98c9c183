/**
 * WhatsApp's reach-out limit (error 463, the "reach-out timelock") in words an operator can act on, the same
 * from every engine that meets it (the sandbox simulates it).
 */

/** What the limit means for the account. WhatsApp names whom it restricts: WhatsApp Web only, or every linked device. */
export function limitReason(enforcement: string | undefined): string {
  const where =
    enforcement === 'WEB_COMPANION_ONLY'
      ? 'on WhatsApp Web'
      : enforcement === 'RESTRICT_ALL_COMPANIONS'
        ? 'on its linked devices'
        : 'for now';
  return `WhatsApp limits this account ${where} (error 463, reach-out limit): it cannot start chats with people who have not written to it; replies still go out`;
}

/** Why a message to someone who never wrote was refused, or not sent, while the account is limited. */
export const REACH_OUT_REFUSED =
  'WhatsApp limits this account from starting new chats (error 463, reach-out limit): only people who wrote to it can be messaged now';
