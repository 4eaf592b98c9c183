import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway, writeDashboard } from './support/harness.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A built dashboard with a real-sized page and script (big enough to be worth compressing). */
async function gatewayWithDashboard() {
  const g = await startTestGateway();
  cleanups.push(() => g.dispose());
  writeDashboard(g);
  const root = join(g.dataDir, 'web-build');
  const script = `${'export const words = ["Switchboard", "sessions", "inbox"];\n'.repeat(200)}`;
  const page = `<!doctype html><title>Switchboard</title>${'<meta name="x" content="y">'.repeat(60)}<script type="module" src="/assets/index-Ab12Cd.js"></script>`;
  writeFileSync(join(root, 'assets', 'index-Ab12Cd.js'), script);
  writeFileSync(join(root, 'index.html'), page);
  return { g, root, script, page };
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The bytes as they travel, not decompressed (fetch would undo the encoding). */
function raw(g: TestGateway, path: string, acceptEncoding?: string, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    get(`${g.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('the built dashboard over HTTP', () => {
  it('sends a hashed script Brotli-compressed, cached for good, to a browser that accepts Brotli', async () => {
    const { g, script } = await gatewayWithDashboard();
    const res = await raw(g, '/assets/index-Ab12Cd.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('falls back to gzip, and to the plain file for a client that accepts neither', async () => {
    const { g, script } = await gatewayWithDashboard();
    const gzipped = await raw(g, '/assets/index-Ab12Cd.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).toString()).toBe(script);

    const refused = await raw(g, '/assets/index-Ab12Cd.js', 'br;q=0, gzip;q=0.5');
    expect(refused.headers['content-encoding']).toBe('gzip');

    for (const acceptEncoding of [undefined, 'identity', 'br;q=0']) {
      const plain = await raw(g, '/assets/index-Ab12Cd.js', acceptEncoding);
      expect(plain.headers['content-encoding'], acceptEncoding).toBeUndefined();
      expect(plain.body.toString(), acceptEncoding).toBe(script);
      expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('compresses the page itself but never lets it be cached, so a new build shows on the next load', async () => {
    const { g, root, page } = await gatewayWithDashboard();
    const first = await raw(g, '/sessions', 'br');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(first.body).toString()).toBe(page);

    const rebuilt = page.replace('index-Ab12Cd.js', 'index-Ef34Gh5678.js');
    writeFileSync(join(root, 'index.html'), rebuilt);
    const second = await raw(g, '/inbox', 'br');
    expect(brotliDecompressSync(second.body).toString()).toBe(rebuilt);
  });

  it('sends fonts and small files as they are, and HEAD without a body', async () => {
    const { g, root } = await gatewayWithDashboard();
    const font = Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 251));
    writeFileSync(join(root, 'assets', 'inter-latin-Xy98.woff2'), font);
    const fontAnswer = await raw(g, '/assets/inter-latin-Xy98.woff2', 'br, gzip');
    expect(fontAnswer.headers['content-encoding']).toBeUndefined();
    expect(fontAnswer.headers['content-type']).toBe('font/woff2');
    expect(fontAnswer.body.equals(font)).toBe(true);

    const small = await raw(g, '/assets/app.js', 'br, gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('document.title = "Switchboard";');

    const head = await raw(g, '/assets/index-Ab12Cd.js', 'br', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.body.length).toBe(0);
  });
});
