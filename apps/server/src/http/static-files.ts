import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CompressedFiles, chooseEncoding } from './compressed-files.ts';
import { decodePath, requestPath } from './request-path.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Text formats, which compress well; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest']);

/**
 * Serves the built dashboard. Unknown paths get index.html so client-side routes survive a reload;
 * hashed assets are cached for good, index.html never (so a new deploy is picked up at once). Text files go
 * out Brotli- or gzip-compressed to a browser that accepts it.
 */
export function staticFiles(root: string) {
  const index = join(root, 'index.html');
  const compressed = new CompressedFiles();
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!existsSync(index)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(
        'The dashboard is not built. Run `pnpm start` (it builds it) or `pnpm --filter @switchboard/web build`.\n',
      );
      return;
    }
    const pathname = decodePath(requestPath(req));
    const candidate = normalize(join(root, pathname));
    const inside = candidate === root || candidate.startsWith(root + sep);
    const file = inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : index;
    const immutable = file !== index && pathname.startsWith('/assets/');
    const type = extname(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    if (!COMPRESSIBLE.has(type)) return send(req, res, headers, file);
    // Caches keep the compressed and the plain answer apart.
    headers.vary = 'accept-encoding';
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const body = encoding && (await compressed.get(file, encoding));
    if (!encoding || !body) return send(req, res, headers, file);
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function send(req: IncomingMessage, res: ServerResponse, headers: Record<string, string>, file: string) {
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
