/**
 * The sandbox engine: a simulated WhatsApp network in process, so Switchboard can be tried, demonstrated
 * and tested end to end without a real number. The network is returned alongside the engine because the
 * server's sandbox control API (standing in for phones) drives it.
 */
import type { Engine } from '../contract.ts';
import { SandboxNetwork } from './network.ts';
import type { SandboxOptions } from './options.ts';
import { SandboxSession } from './session.ts';

export { type PhoneContent, type PhoneMessage, SandboxError, SandboxNetwork } from './network.ts';
export type { SandboxOptions } from './options.ts';
export { DEFAULT_RISK, type RiskOptions, type Standing } from './risk.ts';

export function createSandboxEngine(options: SandboxOptions): { engine: Engine; network: SandboxNetwork } {
  const network = new SandboxNetwork({
    ...(options.stateFile ? { stateFile: options.stateFile } : {}),
    ...(options.risk ? { risk: { ...options.risk } } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  // A copy: the engine's behaviour is fixed when it is created.
  const settings: SandboxOptions = { ...options, notOnWhatsApp: [...options.notOnWhatsApp] };
  const engine: Engine = {
    name: 'sandbox',
    createSession: (session) => new SandboxSession(session, settings, network),
  };
  return { engine, network };
}
