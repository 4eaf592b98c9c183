/**
 * The load generator, run as a process of its own so it never competes with what it measures for an event
 * loop: autocannon with keep-alive connections, its options given as JSON in argv[2]; prints a LoadResult
 * as JSON on stdout.
 */
import autocannon from 'autocannon';
import type { LoadOptions, LoadResult } from './load.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
const url = new URL(options.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  throw new Error('The bench loads loopback only');

let n = options.bodyTemplate?.start ?? 0;
const result = await autocannon({
  url: options.url,
  method: options.method,
  headers: options.headers,
  connections: options.connections,
  pipelining: 1,
  timeout: 10,
  ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
  ...(options.rate ? { overallRate: options.rate } : {}),
  ...(options.bodyTemplate || options.headerTemplate
    ? {
        requests: [
          {
            setupRequest: (request) => {
              const i = String(n++);
              const { bodyTemplate, headerTemplate, body } = options;
              if (bodyTemplate) request.body = bodyTemplate.text.replaceAll('{n}', i);
              else if (body) request.body = body;
              for (const [name, value] of Object.entries(headerTemplate ?? {}))
                request.headers = { ...request.headers, [name]: value.replaceAll('{n}', i) };
              return request;
            },
          },
        ],
      }
    : options.body
      ? { body: options.body }
      : {}),
});

const problems = [
  ...Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, { count = 0 }]) => `${count} × ${code}`),
  ...(result.timeouts ? [`${result.timeouts} timed out (10 s)`] : []),
  ...(result.errors > result.timeouts ? [`${result.errors - result.timeouts} connection errors`] : []),
].join(', ');
const summary: LoadResult = {
  ok: result['2xx'],
  // autocannon counts timeouts among the errors.
  failed: result.non2xx + result.errors,
  problems,
  seconds: result.duration,
  perSecond: result['2xx'] / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
};
process.stdout.write(JSON.stringify(summary));
