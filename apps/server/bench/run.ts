/**
 * `pnpm bench`: Switchboard's figures on the sandbox engine, each beside a ceiling measured in the same run
 * (a bare Node server answering the same JSON, the same plus one INSERT, a raw webhook receiver, a plain DOM
 * page with the same data, the server started without pnpm), printed as one Markdown table with the ratio.
 * Load comes from a separate process, to loopback only, bounded in time. Prints figures; asserts nothing.
 *
 *   pnpm bench                       every scenario: 3 interleaved rounds of 15 s, medians
 *   pnpm bench --short               every scenario, one short round each (under two minutes)
 *   pnpm bench --only send,webhooks  some scenarios (see --list)
 *   pnpm bench --rounds 5            more rounds
 */
import type { BenchOptions, Scenario } from './scenario.ts';
import { campaign } from './scenarios/campaign.ts';
import { dashboard } from './scenarios/dashboard.ts';
import { inbox } from './scenarios/inbox.ts';
import { liveEvents } from './scenarios/live-events.ts';
import { media } from './scenarios/media.ts';
import { overview } from './scenarios/overview.ts';
import { send } from './scenarios/send.ts';
import { sessionsTable } from './scenarios/sessions-table.ts';
import { startup } from './scenarios/startup.ts';
import { webhooks } from './scenarios/webhooks.ts';
import { formatTable, type Row } from './table.ts';

const SCENARIOS: Scenario[] = [
  send,
  webhooks,
  liveEvents,
  media,
  campaign,
  overview,
  dashboard,
  sessionsTable,
  inbox,
  startup,
];

const USAGE = `Usage: pnpm bench [--short] [--only ${SCENARIOS.map((s) => s.name).join(',')}] [--rounds N] [--list]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

// `pnpm bench -- --short` passes the "--" through.
const args = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  return args[i + 1] ?? fail(`${name} needs a value`);
};
const known = new Set(['--short', '--only', '--rounds', '--list']);
for (const [i, arg] of args.entries()) {
  const isValue = i > 0 && (args[i - 1] === '--only' || args[i - 1] === '--rounds');
  if (!isValue && !known.has(arg)) fail(`Unknown argument "${arg}".`);
}

if (flag('--list')) {
  for (const s of SCENARIOS) console.log(`${s.name.padEnd(12)} ${s.about}`);
  process.exit(0);
}

const short = flag('--short');
const only = value('--only')?.split(',');
const unknown = only?.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown?.length) fail(`Unknown scenario "${unknown.join(', ')}".`);
const rounds = Number(value('--rounds') ?? (short ? 1 : 3));
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20)
  fail('--rounds must be a whole number from 1 to 20.');

const started = Date.now();
const options: BenchOptions = {
  short,
  rounds,
  roundSeconds: short ? 2 : 15,
  connections: 32,
  progress: (line) =>
    process.stderr.write(`  ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}\n`),
};

const rows: Row[] = [];
let failed = false;
for (const scenario of SCENARIOS.filter((s) => !only || only.includes(s.name))) {
  process.stderr.write(`${scenario.name}: ${scenario.about}\n`);
  const t0 = Date.now();
  try {
    const measured = await scenario.run(options);
    rows.push(...measured);
    // Each scenario's rows as soon as they are measured: a long run that fails later keeps them.
    for (const row of measured) process.stderr.write(`  ${row.what}: ${row.switchboard} | ${row.ceiling}\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(
      `  failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    rows.push({ what: scenario.name, switchboard: `failed: ${reason}`, ceiling: '—', ratio: '—' });
  }
  process.stderr.write(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}

const mode = `${short ? 'short mode, ' : ''}${rounds === 1 ? '1 round' : `${rounds} interleaved rounds, medians`}`;
console.log(
  `\nSwitchboard benchmark — sandbox engine, ${options.connections} connections, ${mode}; ` +
    `took ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(formatTable(rows));
if (failed) process.exit(1);
