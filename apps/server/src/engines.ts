import { join } from 'node:path';
import type { Engine, EngineRegistry } from '@switchboard/engines/contract';
import { createSandboxEngine, type SandboxNetwork } from '@switchboard/engines/sandbox';
import { createWebjsEngine } from '@switchboard/engines/webjs';
import type { EngineName } from '@switchboard/validators';
import type { Env } from './env.ts';

/** The engines this server offers, built from the environment. Core only ever sees the registry. */
export function createEngines(env: Env): { registry: EngineRegistry; sandbox: SandboxNetwork | null } {
  const registry = new Map<EngineName, Engine>();
  let sandbox: SandboxNetwork | null = null;
  if (env.SANDBOX_ENABLED) {
    const { engine, network } = createSandboxEngine({
      qrRotateMs: env.SANDBOX_QR_ROTATE_MS,
      qrMaxCodes: env.SANDBOX_QR_MAX_CODES,
      connectDelayMs: env.SANDBOX_CONNECT_DELAY_MS,
      deliveredDelayMs: env.SANDBOX_DELIVERED_DELAY_MS,
      readDelayMs: env.SANDBOX_READ_DELAY_MS,
      notOnWhatsApp: env.SANDBOX_NOT_ON_WHATSAPP,
      risk: {
        enabled: env.SANDBOX_RISK_MODEL,
        maxPerMinute: env.SANDBOX_RISK_MAX_PER_MINUTE,
        newContactsPerHour: env.SANDBOX_RISK_NEW_CONTACTS_PER_HOUR,
        fixedIntervalSends: env.SANDBOX_RISK_FIXED_INTERVAL_SENDS,
        limitMs: env.SANDBOX_RISK_LIMIT_MINUTES * 60_000,
        refusalsPerStrike: env.SANDBOX_RISK_REFUSALS_PER_STRIKE,
        strikesToBan: env.SANDBOX_RISK_STRIKES_TO_BAN,
      },
      // The network outlives the server like the real one: phones keep what they received, bans stick.
      stateFile: join(env.DATA_DIR, 'sandbox', 'network.jsonl'),
    });
    registry.set('sandbox', engine);
    sandbox = network;
  }
  if (env.WEBJS_ENABLED) {
    // Registered even when no browser is installed: such sessions then fail saying exactly that.
    registry.set(
      'webjs',
      createWebjsEngine({
        chromePath: env.CHROME_PATH,
        headless: env.WEBJS_HEADLESS,
        initTimeoutMs: env.WEBJS_INIT_TIMEOUT_MS,
        webVersion: env.WEBJS_WEB_VERSION,
        webVersionUrl: env.WEBJS_WEB_VERSION_URL,
        // Under DATA_DIR: whatsapp-web.js would otherwise write ./.wwebjs_cache into the working directory.
        cacheDir: join(env.DATA_DIR, 'wweb-cache'),
        browserArgs: env.WEBJS_BROWSER_ARGS,
      }),
    );
  }
  return { registry, sandbox };
}
