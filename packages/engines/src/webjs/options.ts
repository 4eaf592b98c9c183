/** How the WhatsApp Web engine runs; the server fills these from its environment. */
export interface WebjsOptions {
  /** CHROME_PATH: the browser to drive. Unset: the usual install locations, then puppeteer's cache. */
  chromePath?: string;
  headless: boolean;
  /** How long WhatsApp Web may take to load before the start counts as failed (and is retried). */
  initTimeoutMs: number;
  /** A pinned WhatsApp Web version (e.g. "2.3000.1017054665"); unset: whatever WhatsApp serves today. */
  webVersion?: string;
  /** Where a pinned version is fetched from when it is not saved locally; `{version}` is replaced. */
  webVersionUrl: string;
  /** Saved copies of WhatsApp Web, one `<version>.html` each (under DATA_DIR, never the working dir). */
  cacheDir: string;
  /** Extra Chromium flags, e.g. `--proxy-server=http://proxy:3128`. */
  browserArgs: string[];
}

/** The public archive of WhatsApp Web builds that whatsapp-web.js's documentation points to. */
export const DEFAULT_WEB_VERSION_URL =
  'https://raw.githubusercontent.com/wppconnect-team/wa-version/main/html/{version}.html';
