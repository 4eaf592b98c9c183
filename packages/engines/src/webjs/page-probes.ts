/**
 * Questions the engine asks WhatsApp Web itself, in its page, through its own modules (whatsapp-web.js has
 * no API for them). Each script is a string, so nothing of this process — not even a transpiler's helper —
 * has to exist in the page; each answers "unknown" (null) rather than fail when WhatsApp Web lacks a module.
 */
import type { Page } from 'puppeteer';

/** The account's reach-out limit as WhatsApp Web knows it; `until` in ms since epoch, when it says. */
export interface ReachOutState {
  limited: boolean;
  until?: number;
  /** WhatsApp's enforcement type, e.g. WEB_COMPANION_ONLY or RESTRICT_ALL_COMPANIONS. */
  enforcement?: string;
}

/**
 * WAWebReachoutTimelockUtils keeps the limit WhatsApp announced (its "reach-out timelock") in the user
 * preferences; `refresh` first asks WhatsApp's server again (WAWebGetReachoutTimelockJob).
 */
const REACH_OUT_STATE = `async (refresh) => {
  let utils;
  try { utils = window.require('WAWebReachoutTimelockUtils'); } catch { return null; }
  if (refresh) {
    try { await window.require('WAWebGetReachoutTimelockJob').fetchReachoutTimelock(); } catch {}
  }
  if (!utils.isUserReachoutTimelocked()) return { limited: false };
  const state = window.require('WAWebUserPrefsIndexedDBStorage').userPrefsIdb.get(utils.REACHOUT_TIMELOCK_IDB_KEY);
  return { limited: true, until: state?.time_enforcement_ends ?? null, enforcement: state?.enforcement_type ?? null };
}`;

/**
 * WhatsApp Web's own rule for whether a chat may be written to while the account is limited
 * (canSendMsgWhileTimelocked): only when the other side wrote to it. The chat is looked up by the id given
 * and by its LID or number, since WhatsApp Web may keep it under either.
 */
const MAY_MESSAGE = `async (chatId) => {
  let utils;
  try { utils = window.require('WAWebReachoutTimelockUtils'); } catch { return null; }
  if (!utils.isUserReachoutTimelocked()) return true;
  const { Chat, Contact } = window.require('WAWebCollections');
  const api = window.require('WAWebApiContact');
  const wid = window.require('WAWebWidFactory').createWid(chatId);
  const alias = (lookup) => { try { return lookup(wid); } catch { return null; } };
  const ids = [wid, alias(api.getCurrentLid), alias(api.getPhoneNumber)].filter(Boolean);
  const chat = ids.map((id) => Chat.get(id)).find(Boolean);
  const contact = chat?.contact ?? ids.map((id) => Contact.get(id)).find(Boolean);
  return contact ? utils.canSendMsgWhileTimelocked({ chat, contact }) : false;
}`;

/** Whether whatsapp-web.js's helpers made it into the page (they are injected after authentication). */
const HELPERS_LOADED = `() => typeof window.WWebJS !== 'undefined'`;

const run = (page: Page, script: string, arg?: unknown): Promise<unknown> =>
  page.evaluate(`(${script})(${arg === undefined ? '' : JSON.stringify(arg)})`);

export async function readReachOutState(page: Page, refresh: boolean): Promise<ReachOutState | null> {
  const state = (await run(page, REACH_OUT_STATE, refresh)) as {
    limited: boolean;
    until: number | null;
    enforcement: string | null;
  } | null;
  if (!state) return null;
  const result: ReachOutState = { limited: state.limited };
  if (typeof state.until === 'number' && state.until > 0) result.until = state.until;
  if (state.enforcement) result.enforcement = state.enforcement;
  return result;
}

/** Whether WhatsApp Web would let this account write to `chatId` now; null when it cannot tell. */
export async function mayMessage(page: Page, chatId: string): Promise<boolean | null> {
  const answer = await run(page, MAY_MESSAGE, chatId);
  return typeof answer === 'boolean' ? answer : null;
}

export async function helpersLoaded(page: Page): Promise<boolean> {
  return (await run(page, HELPERS_LOADED)) === true;
}
