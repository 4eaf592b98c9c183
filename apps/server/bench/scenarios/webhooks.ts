import { availableParallelism, loadavg } from 'node:os';
import { waitFor } from '../../test/support/harness.ts';
import type { Scenario } from '../scenario.ts';
import { type BenchProcess, startRawClient, startReceiver } from '../support/bare.ts';
import {
  type BenchGateway,
  type LinkedSession,
  linkSessions,
  startBenchGateway,
} from '../support/gateway.ts';
import { runLoad } from '../support/load.ts';
import { ask, cpuSeconds, machineBusySeconds, waitQuiet } from '../support/processes.ts';
import type { ReceiverReport } from '../support/receiver.ts';
import { duration, medians, percentile, perSecond, ratio } from '../support/stats.ts';
import type { Row } from '../table.ts';

/**
 * Receiver processes: endpoint (or raw client) i posts to receiver i mod `RECEIVERS`, so up to four endpoints
 * each have one of their own.
 */
const RECEIVERS = 4;

/** The share of the machine's cores busy at which a figure is the CPU's limit, not the measured part's. */
const SATURATED = 0.95;

/** Dispatcher threads of the second gateway, beside the first one's single thread (`WEBHOOK_THREADS`). */
const THREADS = 2;

/**
 * How long the receivers take to answer in the rows of endpoints across a network: each delivery then waits
 * on its endpoint, not on the CPU, so those rows show whether endpoints add up until the CPU is the limit.
 */
const SLOW_MS = 10;

/** Endpoint counts of those rows (`--short`: the first two). */
const SLOW_ENDPOINTS = [1, 4, 16, 64];

interface Setup {
  g: BenchGateway;
  account: LinkedSession;
  /**
   * One receiver process per endpoint, so four endpoints are measured against four receivers, not against
   * one receiver's event loop: then the 4-endpoint row shows how the dispatcher adds up.
   */
  receivers: BenchProcess[];
  /** The ceiling's raw clients, in a process of their own (see raw-client.ts). */
  rawClient: Omit<BenchProcess, 'url'>;
  /** Numbers the next inbound messages come from, so every run writes from new contacts. */
  nextSender: number;
  progress(line: string): void;
}

/** Every receiver's report as one: counts by endpoint, the first and last answers across them, all lags. */
async function report(s: Setup): Promise<ReceiverReport> {
  const reports = await Promise.all(s.receivers.map((r) => ask<ReceiverReport>(r.child, { report: true })));
  const answered = reports.filter((r) => r.total > 0);
  return {
    counts: Object.assign({}, ...reports.map((r, i) => ({ [`receiver ${i + 1}`]: r.total }))),
    total: reports.reduce((sum, r) => sum + r.total, 0),
    first: Math.min(...answered.map((r) => r.first)),
    last: Math.max(0, ...answered.map((r) => r.last)),
    lags: reports.flatMap((r) => r.lags),
  };
}

const tellReceivers = (s: Setup, message: Record<string, unknown>) =>
  Promise.all(s.receivers.map((r) => ask(r.child, message)));

/**
 * CPU seconds used so far by each part of a measurement, from /proc: the gateway, the receivers, and the
 * whole machine (every process, the other parts and whatever else runs included).
 */
const cpuOf = (s: Setup) => ({
  gateway: cpuSeconds(s.g.pid),
  receivers: s.receivers.reduce((sum, r) => sum + cpuSeconds(r.pid), 0),
  machine: machineBusySeconds(),
});

/**
 * `events` incoming messages through the sandbox (as fast as the API takes them): one webhook event each.
 * Resolves with how many the API took.
 */
async function incoming(s: Setup, events: number, connections: number): Promise<number> {
  const start = s.nextSender;
  s.nextSender += events;
  const result = await runLoad({
    url: `${s.g.url}/api/sandbox/inbound`,
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.g.cookie },
    bodyTemplate: { text: `{"from":"+49171{n}","to":"+${s.account.phone}","text":"Hello {n}"}`, start },
    connections,
    amount: events,
  });
  // A busy machine can time a few out: the deliveries expected are those of the messages taken.
  if (result.failed > 0) s.progress(`  ${result.failed} incoming messages failed: ${result.problems}`);
  return result.ok;
}

/** Endpoints for `message.received` on the receiver, one path each; removed again by the returned function. */
async function endpoints(s: Setup, count: number): Promise<() => Promise<void>> {
  const created = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      s.g.client.webhooks.create.mutate({
        sessionId: s.account.id,
        url: `${s.receivers[i % RECEIVERS]!.url}/hook/${i + 1}`,
        events: ['message.received'],
      }),
    ),
  );
  return async () => {
    for (const hook of created) await s.g.client.webhooks.delete.mutate({ id: hook.id });
  };
}

/**
 * Resolves with the receivers' report once `total` deliveries arrived. Meanwhile it asks only for counts: a
 * full report carries every lag, and asking for it every 25 ms cost the receivers CPU the drain needs.
 */
async function delivered(s: Setup, total: number): Promise<ReceiverReport> {
  await waitFor(
    async () => {
      const counts = await Promise.all(
        s.receivers.map((r) => ask<{ total: number }>(r.child, { count: true })),
      );
      return counts.reduce((sum, c) => sum + c.total, 0) >= total;
    },
    `${total} webhook deliveries`,
    600_000,
  );
  return report(s);
}

/**
 * A backlog: the receivers hold the first request to each endpoint while `total` deliveries pile up, then
 * answer everything at once; deliveries per second from then until the last one, the cores the gateway,
 * the receivers and the whole machine used meanwhile (CPU seconds over wall seconds, from /proc), and the
 * gateway's CPU per delivery.
 */
async function backlog(s: Setup, count: number, total: number, connections: number) {
  const remove = await endpoints(s, count);
  await tellReceivers(s, { reset: true, hold: true });
  const taken = await incoming(s, total / count, connections);
  await waitQuiet(s.g.pid);
  const load = loadavg()[0]!;
  const before = cpuOf(s);
  const started = performance.now();
  await tellReceivers(s, { hold: false });
  const r = await delivered(s, taken * count);
  const seconds = (performance.now() - started) / 1000;
  const after = cpuOf(s);
  await remove();
  return {
    rate: (r.total * 1000) / Math.max(1, r.last - r.first),
    gatewayCores: (after.gateway - before.gateway) / seconds,
    receiverCores: (after.receivers - before.receivers) / seconds,
    machineCores: (after.machine - before.machine) / seconds,
    gatewayMsPerDelivery: ((after.gateway - before.gateway) * 1000) / Math.max(1, r.total),
    load,
  };
}

/** A drain's or a ceiling's figures under keys ending in `suffix`, so medians() takes each over the rounds. */
const keyed = (figures: Record<string, number>, suffix: string) =>
  Object.fromEntries(Object.entries(figures).map(([key, value]) => [`${key} ${suffix}`, value]));

/** A burst of events while deliveries run: how long each waited from its event to its delivery. */
async function burst(s: Setup, count: number, total: number, connections: number) {
  const remove = await endpoints(s, count);
  await tellReceivers(s, { reset: true });
  const taken = await incoming(s, total / count, connections);
  const r = await delivered(s, taken * count);
  await remove();
  await waitQuiet(s.g.pid);
  return { p50: percentile(r.lags, 50), p99: percentile(r.lags, 99) };
}

/**
 * The ceiling: `clients` keep-alive Node clients side by side (as many as endpoints), client i posting to
 * the receiver endpoint i posts to, each with one request in flight at a time and a delivery-sized body,
 * `total` requests in all; requests per second, and the cores the clients and the receivers used meanwhile.
 */
async function oneInFlight(s: Setup, total: number, clients = 1) {
  const before = { ...cpuOf(s), own: cpuSeconds(s.rawClient.pid) };
  const urls = Array.from(
    { length: clients },
    (_, i) => `${s.receivers[i % RECEIVERS]!.url}/ceiling/${i + 1}`,
  );
  const { seconds } = await ask<{ seconds: number }>(s.rawClient.child, { urls, total });
  const after = cpuOf(s);
  return {
    rate: total / seconds,
    clientCores: (cpuSeconds(s.rawClient.pid) - before.own) / seconds,
    receiverCores: (after.receivers - before.receivers) / seconds,
    machineCores: (after.machine - before.machine) / seconds,
  };
}

export const webhooks: Scenario = {
  name: 'webhooks',
  about:
    'webhook delivery from a backlog (1 and 4 endpoints; 1 to 64 endpoints that answer after 10 ms) and the lag in a burst, beside raw clients',
  async run(o): Promise<Row[]> {
    const total = o.short ? 300 : 5000;
    // ~2 s per drain at one endpoint (~0.4 s in short mode): endpoints answering after `SLOW_MS` are slow.
    const slowPerEndpoint = o.short ? 40 : 200;
    const slowCounts = o.short ? SLOW_ENDPOINTS.slice(0, 2) : SLOW_ENDPOINTS;
    // The held first request must outlast the time it takes to pile the backlog up.
    const g = await startBenchGateway({ WEBHOOK_TIMEOUT_MS: '300000', WEBHOOK_THREADS: '1' });
    // The same, delivering from more threads: measured in the same rounds, interleaved (A/B). Not in `--short`:
    // one short round cannot tell two close figures apart, and a second gateway costs the short run its time.
    const gThreads = o.short
      ? undefined
      : await startBenchGateway({ WEBHOOK_TIMEOUT_MS: '300000', WEBHOOK_THREADS: `${THREADS}` });
    const receivers = await Promise.all(Array.from({ length: RECEIVERS }, () => startReceiver()));
    const rawClient = await startRawClient();
    try {
      const [account] = await linkSessions(g, 1);
      const s: Setup = {
        g,
        account: account!,
        receivers,
        rawClient,
        nextSender: 1_000_000,
        progress: o.progress,
      };
      const sThreads: Setup | undefined = gThreads && {
        ...s,
        g: gThreads,
        account: (await linkSessions(gThreads, 1))[0]!,
        nextSender: 5_000_000,
      };
      const rounds: Record<string, number>[] = [];
      for (let r = 1; r <= o.rounds; r++) {
        o.progress(`round ${r}/${o.rounds}: backlog of ${total} to 1 endpoint`);
        const one = await backlog(s, 1, total, o.connections);
        o.progress(`round ${r}/${o.rounds}: one-in-flight client`);
        const client = await oneInFlight(s, total);
        o.progress(`round ${r}/${o.rounds}: backlog of ${total} to 4 endpoints`);
        const four = await backlog(s, 4, total, o.connections);
        let threads = {};
        if (sThreads) {
          o.progress(`round ${r}/${o.rounds}: backlog of ${total} to 4 endpoints, ${THREADS} threads`);
          threads = keyed(await backlog(sThreads, 4, total, o.connections), 'threads');
        }
        o.progress(`round ${r}/${o.rounds}: 4 one-in-flight clients side by side`);
        const clients = await oneInFlight(s, total, 4);
        o.progress(`round ${r}/${o.rounds}: burst of ${total} events to 1 endpoint, then to 4`);
        const lagOne = await burst(s, 1, total, o.connections);
        const lagFour = await burst(s, 4, total, o.connections);
        const slow: Record<string, number> = {};
        await tellReceivers(s, { delay: SLOW_MS });
        for (const count of slowCounts) {
          const deliveries = slowPerEndpoint * count;
          o.progress(
            `round ${r}/${o.rounds}: ${count} endpoints answering after ${SLOW_MS} ms, and as many clients`,
          );
          const drained = await backlog(s, count, deliveries, o.connections);
          const ceiling = await oneInFlight(s, deliveries, count);
          Object.assign(slow, keyed(drained, `${count}`), keyed(ceiling, `${count} clients`));
        }
        await tellReceivers(s, { delay: 0 });
        rounds.push({
          ...slow,
          ...threads,
          one: one.rate,
          oneGateway: one.gatewayCores,
          oneReceivers: one.receiverCores,
          oneMachine: one.machineCores,
          oneMs: one.gatewayMsPerDelivery,
          client: client.rate,
          clientOwn: client.clientCores,
          clientReceivers: client.receiverCores,
          clientMachine: client.machineCores,
          four: four.rate,
          fourGateway: four.gatewayCores,
          fourReceivers: four.receiverCores,
          fourMachine: four.machineCores,
          fourMs: four.gatewayMsPerDelivery,
          oneLoad: one.load,
          fourLoad: four.load,
          clients: clients.rate,
          clientsOwn: clients.clientCores,
          clientsReceivers: clients.receiverCores,
          clientsMachine: clients.machineCores,
          lagOneP50: lagOne.p50,
          lagOneP99: lagOne.p99,
          lagFourP50: lagFour.p50,
          lagFourP99: lagFour.p99,
        });
      }
      const m = medians(rounds);
      const n = total.toLocaleString('en-US');
      const cores = (value: number) => `${value.toFixed(2)} cores`;
      // Whether the CPU was the limit: what the measured parts used, and the machine as a whole (anyone);
      // with (nearly) every core busy the row says so, since then no part could have gone faster.
      const cpu = (parts: string, machine: number) =>
        `CPU of ${availableParallelism()}: ${parts}; machine busy ${cores(machine)}` +
        (machine >= SATURATED * availableParallelism() ? ' (saturated: the CPU is the limit)' : '');
      const gatewayCpu = (coresUsed: number, ms: number) =>
        `gateway ${cores(coresUsed)} (${ms.toFixed(2)} ms a delivery)`;
      // The machine is shared: the 1-minute load average as each drain started, beside its figure.
      const load = (value: number) => `load ${value.toFixed(1)}`;
      return [
        {
          what: `webhook backlog, ${n} events, 1 endpoint`,
          switchboard:
            `${perSecond(m.one!, 'deliveries/s')} (${load(m.oneLoad!)}); ` +
            cpu(`${gatewayCpu(m.oneGateway!, m.oneMs!)}, receiver ${cores(m.oneReceivers!)}`, m.oneMachine!),
          ceiling:
            `one-in-flight Node client to the same receiver: ${perSecond(m.client!, 'deliveries/s')}; ` +
            cpu(`client ${cores(m.clientOwn!)}, receiver ${cores(m.clientReceivers!)}`, m.clientMachine!),
          ratio: ratio(m.one!, m.client!),
        },
        {
          what: `webhook backlog, 4 endpoints (${n} deliveries in all)`,
          switchboard:
            `${perSecond(m.four!, 'deliveries/s')} in all (1 endpoint: ${perSecond(m.one!, 'deliveries/s')}; ${load(m.fourLoad!)}); ` +
            cpu(
              `${gatewayCpu(m.fourGateway!, m.fourMs!)}, receivers ${cores(m.fourReceivers!)}`,
              m.fourMachine!,
            ),
          // One receiver process per endpoint and per client, so neither side is held to one receiver's core.
          ceiling:
            `4 one-in-flight Node clients side by side, one per receiver: ${perSecond(m.clients!, 'deliveries/s')} in all; ` +
            cpu(
              `clients ${cores(m.clientsOwn!)}, receivers ${cores(m.clientsReceivers!)}`,
              m.clientsMachine!,
            ),
          ratio: `${ratio(m.four!, m.clients!)}; ${ratio(m.four!, m.one!)} of one endpoint`,
        },
        ...(m['rate threads'] === undefined
          ? []
          : [
              {
                what: `… from ${THREADS} dispatcher threads (\`WEBHOOK_THREADS=${THREADS}\`)`,
                switchboard:
                  `${perSecond(m['rate threads'], 'deliveries/s')} in all (${load(m['load threads']!)}); ` +
                  cpu(
                    `${gatewayCpu(m['gatewayCores threads']!, m['gatewayMsPerDelivery threads']!)}, ` +
                      `receivers ${cores(m['receiverCores threads']!)}`,
                    m['machineCores threads']!,
                  ),
                ceiling: `1 thread in the same rounds: ${perSecond(m.four!, 'deliveries/s')}`,
                ratio: ratio(m['rate threads'], m.four!),
              },
            ]),
        ...slowCounts.map((count) => {
          const gateway = (key: string) => m[`${key} ${count}`]!;
          const clients = (key: string) => m[`${key} ${count} clients`]!;
          const plural = count === 1 ? '' : 's';
          return {
            what:
              `webhook backlog, ${count} endpoint${plural} answering after ${SLOW_MS} ms ` +
              `(${(slowPerEndpoint * count).toLocaleString('en-US')} deliveries)`,
            switchboard:
              perSecond(gateway('rate'), 'deliveries/s') +
              (count === 1 ? '' : ` in all, ${ratio(gateway('rate'), m['rate 1']!)} of one endpoint`) +
              `; ${cpu(
                `${gatewayCpu(gateway('gatewayCores'), gateway('gatewayMsPerDelivery'))}, receivers ${cores(gateway('receiverCores'))}`,
                gateway('machineCores'),
              )}`,
            ceiling:
              `${count} one-in-flight Node client${plural} to the same receivers: ` +
              `${perSecond(clients('rate'), 'deliveries/s')}; ` +
              cpu(
                `client${plural} ${cores(clients('clientCores'))}, receivers ${cores(clients('receiverCores'))}`,
                clients('machineCores'),
              ),
            ratio: ratio(gateway('rate'), clients('rate')),
          };
        }),
        {
          what: `webhook lag, ${n}-event burst`,
          switchboard:
            `p50 ${duration(m.lagOneP50!)}, p99 ${duration(m.lagOneP99!)} (1 endpoint); ` +
            `p50 ${duration(m.lagFourP50!)}, p99 ${duration(m.lagFourP99!)} (4 endpoints)`,
          ceiling: '—',
          ratio: '—',
        },
      ];
    } finally {
      await Promise.all([...receivers, rawClient].map((r) => r.stop()));
      await Promise.all([g.stop(), gThreads?.stop()]);
    }
  },
};
