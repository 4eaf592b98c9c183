/**
 * The load generator, run as a process of its own so it never competes with what it measures for an event
 * loop: autocannon with keep-alive connections as fast as they go, or an even rate (paced-load.ts), its
 * options given as JSON in argv[2]; prints a LoadResult as JSON on stdout.
 */
import autocannon from 'autocannon';
import { type LoadOptions, type LoadResult, nthRequest, problemsOf, TIMEOUT_SECONDS } from './load.ts';
import { pacedLoad } from './paced-load.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const url = new URL(options.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  throw new Error('The bench loads loopback only');

/** As many requests as the connections carry, each connection sending its next once answered. */
async function asFastAsPossible(): Promise<LoadResult> {
  let n = 0;
  const templated = options.bodyTemplate || options.headerTemplate;
  const result = await autocannon({
    url: options.url,
    method: options.method,
    headers: options.headers,
    body: options.body,
    connections: options.connections,
    pipelining: 1,
    timeout: TIMEOUT_SECONDS,
    ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
    ...(templated
      ? { requests: [{ setupRequest: (request) => ({ ...request, ...nthRequest(options, n++) }) }] }
      : {}),
  });
  const non2xx = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, { count = 0 }]) => [code, count]),
  );
  return {
    ok: result['2xx'],
    // autocannon counts timeouts among the errors.
    failed: result.non2xx + result.errors,
    problems: problemsOf(non2xx, result.timeouts, result.errors - result.timeouts),
    seconds: result.duration,
    perSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  };
}

const summary = options.rate ? await pacedLoad({ ...options, rate: options.rate }) : await asFastAsPossible();
process.stdout.write(JSON.stringify(summary));
