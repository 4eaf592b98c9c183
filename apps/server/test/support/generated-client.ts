import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const SERVER_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const ROOT_TYPES = fileURLToPath(new URL('../../../../node_modules/@types', import.meta.url));

/**
 * An integrator's program, written against the types openapi-typescript generated from the served document
 * and run with openapi-fetch: link a sandbox session through its QR code, send by phone twice with one
 * idempotency key, wait for the message to be read. It prints what it saw as JSON.
 */
const SCENARIO = `import createClient from 'openapi-fetch';
import type { paths } from './schema.ts';

const [baseUrl, apiKey] = process.argv.slice(2) as [string, string];
const api = createClient<paths>({ baseUrl, headers: { Authorization: \`Bearer \${apiKey}\` } });
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
function must<T>(what: string, answer: { data?: T; error?: unknown }): T {
  if (answer.data === undefined) throw new Error(\`\${what}: \${JSON.stringify(answer.error)}\`);
  return answer.data;
}
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await pause();
  }
  throw new Error(\`gave up waiting for \${what}\`);
}

const session = must('create', await api.POST('/v1/sessions', { body: { name: 'Shop', id: 'shop' } }));
const path = { path: { id: session.id } };
const shown = await until('a QR code', async () => (await api.GET('/v1/sessions/{id}/qr', { params: path })).data);
const png = await api.GET('/v1/sessions/{id}/qr.png', { params: path, parseAs: 'arrayBuffer' });
must('scan', await api.POST('/sandbox/scan', { body: { qr: shown.qr, phone: '+4915112345678' } }));
const linked = await until('connected', async () => {
  const s = must('get', await api.GET('/v1/sessions/{id}', { params: path }));
  return s.status === 'connected' ? s : undefined;
});
const send = () =>
  api.POST('/v1/messages', {
    params: { header: { 'Idempotency-Key': 'order-1042' } },
    body: { from: \`+\${linked.phone}\`, to: '+14155552671', text: 'Your order has shipped' },
  });
const first = must('send', await send());
const again = must('send again', await send());
const read = await until('read', async () => {
  const m = must('message', await api.GET('/v1/messages/{id}', { params: { path: { id: first.id } } }));
  return m.status === 'read' ? m : undefined;
});
const refused = await api.GET('/v1/sessions/{id}', { params: { path: { id: 'ghost' } } });
console.log(
  JSON.stringify({
    qrPngBytes: png.data?.byteLength ?? 0,
    qrPngType: png.response.headers.get('content-type'),
    phone: linked.phone,
    first: first.id,
    again: again.id,
    status: read.status,
    refused: { status: refused.response.status, code: refused.error?.code },
  }),
);
`;

export interface GeneratedClient {
  /** What the TypeScript compiler says about the scenario against the generated types (empty: all fine). */
  typeErrors(): string[];
  /** Runs the scenario against the server and returns what it printed. */
  run(baseUrl: string, apiKey: string): Promise<unknown>;
  dispose(): void;
}

/** Generates the client's types from the document at `documentUrl` into a fresh folder with the scenario. */
export async function generatedClient(documentUrl: string): Promise<GeneratedClient> {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-openapi-client-'));
  writeFileSync(join(dir, 'schema.ts'), astToString(await openapiTS(new URL(documentUrl))));
  writeFileSync(join(dir, 'scenario.ts'), SCENARIO);
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  // openapi-fetch and tsx, as a project that installed them would have them.
  symlinkSync(SERVER_MODULES, join(dir, 'node_modules'));
  return {
    typeErrors() {
      const program = ts.createProgram([join(dir, 'scenario.ts')], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        allowImportingTsExtensions: true,
        lib: ['lib.es2022.d.ts'],
        skipLibCheck: true,
        types: ['node'],
        typeRoots: [ROOT_TYPES],
      });
      return ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
    run(baseUrl, apiKey) {
      return new Promise((resolve, reject) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', join(dir, 'scenario.ts'), baseUrl, apiKey],
          { cwd: dir, timeout: 60_000 },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
        );
      });
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
