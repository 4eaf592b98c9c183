import type { Client as WwebClient } from 'whatsapp-web.js';
import type { Traffic } from './traffic.ts';

export type Phase = 'launching' | 'qr' | 'authenticating' | 'ready';

/** One start()…stop() of the browser. Events of a run that ended are dropped, so a late one changes nothing. */
export interface Run {
  client: WwebClient;
  phase: Phase;
  /** stop/logout began, or the run ended by itself (its last event was emitted). */
  ended: boolean;
  /** start() resolved: from then on a failure is reported as an event, not as a rejected start. */
  started: boolean;
  browserPid?: number;
  qrCount: number;
  qrTimer?: NodeJS.Timeout;
  /** Armed on `authenticated`: whatsapp-web.js that never gets `ready` ends the run. */
  readyTimer?: NodeJS.Timeout;
  traffic: Traffic;
  /** initialize() settled, whichever way. */
  initialized: Promise<void>;
  /** Resolves once the browser is gone; set by the first stop. */
  released?: Promise<void>;
  /** Lets start() resolve as soon as WhatsApp Web shows signs of life (a QR code, or a restored login). */
  underway: () => void;
}
