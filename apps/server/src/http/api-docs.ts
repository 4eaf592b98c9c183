import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setSecurityHeaders } from './security-headers.ts';

/** Swagger UI's files, served from the installed package: the page loads nothing from elsewhere. */
const SWAGGER_UI = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: join(SWAGGER_UI, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': {
    file: join(SWAGGER_UI, 'swagger-ui-bundle.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API reference · Switchboard</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
    <link rel="stylesheet" href="/api/docs/docs.css" />
  </head>
  <body>
    <header class="sb-bar">
      <a class="sb-brand" href="/"><img src="/favicon.svg" alt="" width="22" height="22" />Switchboard</a>
      <span class="sb-title">API reference</span>
      <nav>
        <a href="/api-keys">API keys</a>
        <a href="/api/v1/openapi.json">openapi.json</a>
        <a href="/">Dashboard</a>
      </nav>
    </header>
    <main id="swagger-ui"></main>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/docs.js"></script>
  </body>
</html>
`;

/** No validator: Swagger UI would otherwise send the document to swagger.io to be checked. */
const SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  persistAuthorization: false,
  tryItOutEnabled: false,
});
`;

const STYLE = `body { margin: 0; background: #fff; font-family: system-ui, sans-serif; }
.sb-bar { display: flex; align-items: center; gap: 1rem; height: 3.5rem; padding: 0 1.5rem;
  border-bottom: 1px solid #e4e4e7; position: sticky; top: 0; z-index: 10; background: rgba(255,255,255,.92); }
.sb-brand { display: inline-flex; align-items: center; gap: .5rem; font-weight: 600; color: #18181b;
  text-decoration: none; }
.sb-title { color: #52525b; font-size: .875rem; }
.sb-bar nav { margin-left: auto; display: flex; gap: 1.25rem; font-size: .875rem; }
.sb-bar nav a { color: #047857; text-decoration: none; }
.sb-bar nav a:hover { text-decoration: underline; }
.swagger-ui .information-container { padding-top: .5rem; }
.swagger-ui .info { margin: 2rem 0 1rem; }
.swagger-ui .info .title small.version-stamp { background: #059669; }
.swagger-ui .btn.authorize { color: #047857; border-color: #059669; }
.swagger-ui .btn.authorize svg { fill: #059669; }
`;

const OWN: Record<string, { body: string; type: string }> = {
  'docs.js': { body: SCRIPT, type: 'text/javascript; charset=utf-8' },
  'docs.css': { body: STYLE, type: 'text/css; charset=utf-8' },
};

/**
 * The API's documentation: `GET /api/v1/openapi.json` (public: it describes the API, it holds no data) and
 * the reference page at `/api/docs`, drawn by Swagger UI from files this server serves.
 */
export function apiDocs(document: object) {
  const json = JSON.stringify(document);

  /** Answers `path` (below `/api`) when it is the document or the docs page; false otherwise. */
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const send = (type: string, body: string, cache = 'no-cache') => {
      res.writeHead(200, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': cache,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (path === '/v1/openapi.json') {
      send('application/json; charset=utf-8', json);
      return true;
    }
    if (path === '/docs' || path === '/docs/') {
      // The dashboard's policy fits: Swagger UI loads only what this server serves, sets no inline styles it
      // would need allowed, and shows a file an operation answers (a photo, a voice note) from a blob: URL.
      setSecurityHeaders(res, 'dashboard');
      send('text/html; charset=utf-8', PAGE);
      return true;
    }
    const name = path.startsWith('/docs/') ? path.slice('/docs/'.length) : null;
    const own = name === null ? undefined : OWN[name];
    if (own) {
      send(own.type, own.body);
      return true;
    }
    const asset = name === null ? undefined : ASSETS[name];
    if (!asset) return false;
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'public, max-age=3600' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(asset.file).pipe(res);
    return true;
  };
}
