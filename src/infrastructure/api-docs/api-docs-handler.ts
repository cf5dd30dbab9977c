import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { projectRoot } from '../project-root';

/**
 * Live API documentation on the metrics port: `/docs/` is Swagger UI (from the swagger-ui-dist npm
 * package, served from node_modules: no CDN, works offline) browsing `/docs/openapi.yaml`, the OpenAPI
 * document `npm run docs:api` generates from the descriptor set (docs/openapi.yaml). Files are read on
 * first request and kept; nothing here runs unless someone asks for a page.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>User service REST API</title>
  <link rel="stylesheet" href="swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="swagger-ui-bundle.js"></script>
  <script src="init.js"></script>
</body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: 'openapi.yaml', dom_id: '#swagger-ui', deepLinking: true, docExpansion: 'list', tryItOutEnabled: false });\n`;

interface Asset {
  type: string;
  file?: () => string;
  body?: string;
}

const swaggerFile = (name: string) => () => path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), name);
const ASSETS: Record<string, Asset> = {
  '/docs/': { type: 'text/html; charset=utf-8', body: PAGE },
  '/docs/init.js': { type: 'text/javascript; charset=utf-8', body: INIT },
  '/docs/swagger-ui.css': { type: 'text/css; charset=utf-8', file: swaggerFile('swagger-ui.css') },
  '/docs/swagger-ui-bundle.js': { type: 'text/javascript; charset=utf-8', file: swaggerFile('swagger-ui-bundle.js') },
  '/docs/openapi.yaml': { type: 'application/yaml; charset=utf-8', file: () => path.join(projectRoot(), 'docs', 'openapi.yaml') },
};

// Everything comes from this origin; Swagger UI sets inline styles and uses data: images.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
  'x-content-type-options': 'nosniff',
};

export class ApiDocsHandler {
  private readonly cache = new Map<string, Buffer>();

  /** Answers `request` if it is a documentation path (true), else leaves it alone (false). */
  handle(request: IncomingMessage, response: ServerResponse): boolean {
    const url = (request.url ?? '').split('?')[0];
    if (url === '/docs') {
      response.writeHead(301, { location: '/docs/' }).end();
      return true;
    }
    const asset = ASSETS[url];
    if (!asset) return false;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return true;
    }
    let body: Buffer;
    try {
      body = this.read(url, asset);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('documentation file missing: run `npm run docs:api`\n');
      return true;
    }
    response.writeHead(200, { 'content-type': asset.type, 'content-length': body.length, 'cache-control': 'no-cache', ...SECURITY_HEADERS });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  }

  private read(url: string, asset: Asset): Buffer {
    let body = this.cache.get(url);
    if (!body) {
      body = asset.body !== undefined ? Buffer.from(asset.body) : readFileSync(asset.file!());
      this.cache.set(url, body);
    }
    return body;
  }
}
