#!/usr/bin/env node
// Dependency-free static file server for the built app (Trunk's dist/),
// serving it under a URL sub-path the way the production host does.
//
//   node tools/serve-dist.mjs [--dir dist] [--port 4173] [--base /tools/caseboard/] [--compress]
//
// - listens on 127.0.0.1 only; `--port 0` picks a free port
// - GET/HEAD only; `/` and the base without its trailing slash redirect to the base
// - a directory URL serves its index.html; anything outside the base is 404
// - --compress: brotli (if Accept-Encoding allows br) or gzip for text, JS, CSS,
//   JSON, SVG and wasm, with Content-Encoding and Vary; results cached in memory
// - no caching by browsers (Cache-Control: no-cache + ETag revalidation), so a
//   rebuilt dist/ is picked up without restarting the server
// Environment fallbacks: DIST_DIR, PORT, BASE_PATH, COMPRESS=1.

import { createServer } from 'node:http';
import { createReadStream, promises as fsp, realpathSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const HOST = '127.0.0.1';

function parseArgs(argv) {
  const opts = {
    dir: process.env.DIST_DIR || 'dist',
    port: process.env.PORT ?? '4173',
    base: process.env.BASE_PATH || '/tools/caseboard/',
    compress: process.env.COMPRESS === '1',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--dir': opts.dir = value(); break;
      case '--port': opts.port = value(); break;
      case '--base': opts.base = value(); break;
      case '--compress': opts.compress = true; break;
      case '--no-compress': opts.compress = false; break;
      case '-h':
      case '--help':
        console.log('usage: node tools/serve-dist.mjs [--dir dist] [--port 4173] [--base /tools/caseboard/] [--compress]');
        process.exit(0);
      default: fail(`unknown argument: ${argv[i]}`);
    }
  }
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`bad --port: ${opts.port}`);
  opts.port = port;
  // Normalise the base to "/x/y/" (or "/").
  opts.base = `/${opts.base.split('/').filter(Boolean).join('/')}/`.replace(/^\/\/$/, '/');
  return opts;
}

function fail(msg) {
  console.error(`serve-dist: ${msg}`);
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));

let root;
try {
  root = realpathSync(resolve(opts.dir));
  if (!statSync(root).isDirectory()) throw new Error('not a directory');
} catch (e) {
  fail(`cannot serve ${opts.dir}: ${e.message}`);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set([
  '.html', '.htm', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest',
  '.wasm', '.svg', '.txt', '.xml', '.ico',
]);

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const cache = new Map(); // `${encoding}:${path}` -> { key, promise }

function compressed(path, st, encoding) {
  const id = `${encoding}:${path}`;
  const key = `${st.size}-${st.mtimeMs}`;
  const hit = cache.get(id);
  if (hit && hit.key === key) return hit.promise;
  const promise = fsp.readFile(path).then((buf) =>
    encoding === 'br'
      ? brotli(buf, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
          },
        })
      : gzip(buf, { level: 9 }),
  );
  cache.set(id, { key, promise });
  promise.catch(() => cache.delete(id));
  return promise;
}

function pickEncoding(header) {
  // Honour q=0 exclusions; prefer br over gzip.
  const accepted = new Map();
  for (const part of String(header || '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (name) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

function send(res, status, body, headers = {}) {
  const buf = Buffer.from(body);
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': buf.length,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : buf);
}

async function resolveFile(urlPath) {
  // urlPath is the part after the base, still percent-encoded.
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  let path = resolve(root, `.${sep}${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return null;
  try {
    let st = await fsp.stat(path);
    const isDir = st.isDirectory();
    if (isDir) {
      path = join(path, 'index.html');
      st = await fsp.stat(path);
    }
    if (!st.isFile()) return null;
    // Refuse symlinks that point outside the served directory.
    const real = await fsp.realpath(path);
    if (!real.startsWith(root + sep)) return null;
    return { path: real, st, isDir };
  } catch {
    return null;
  }
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
  }
  const url = new URL(req.url, `http://${HOST}`);
  const pathname = url.pathname;

  if (opts.base !== '/' && (pathname === '/' || `${pathname}/` === opts.base)) {
    return send(res, 302, `see ${opts.base}\n`, { Location: opts.base + url.search });
  }
  if (!pathname.startsWith(opts.base)) return send(res, 404, 'not found\n');

  const file = await resolveFile(pathname.slice(opts.base.length));
  if (!file) return send(res, 404, 'not found\n');
  // A directory without a trailing slash would break relative URLs.
  if (file.isDir && !pathname.endsWith('/')) {
    return send(res, 301, 'moved\n', { Location: `${pathname}/${url.search}` });
  }

  const ext = extname(file.path).toLowerCase();
  const etag = `W/"${file.st.size.toString(16)}-${Math.floor(file.st.mtimeMs).toString(16)}"`;
  const headers = {
    'Content-Type': MIME[ext] || 'application/octet-stream',
    'Cache-Control': 'no-cache',
    'Last-Modified': file.st.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  const compressible = opts.compress && COMPRESSIBLE.has(ext);
  if (compressible) headers.Vary = 'Accept-Encoding';
  const encoding = compressible ? pickEncoding(req.headers['accept-encoding']) : null;
  headers.ETag = encoding ? etag.replace(/"$/, `-${encoding}"`) : etag;

  if (req.headers['if-none-match'] === headers.ETag) {
    res.writeHead(304, headers);
    return res.end();
  }

  if (encoding) {
    const body = await compressed(file.path, file.st, encoding);
    res.writeHead(200, { ...headers, 'Content-Encoding': encoding, 'Content-Length': body.length });
    return res.end(req.method === 'HEAD' ? undefined : body);
  }

  res.writeHead(200, { ...headers, 'Content-Length': file.st.size });
  if (req.method === 'HEAD') return res.end();
  const stream = createReadStream(file.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

const server = createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`serve-dist: ${req.method} ${req.url}: ${err.stack || err}`);
    if (!res.headersSent) send(res, 500, 'internal error\n');
    else res.destroy();
  });
});

server.on('error', (err) => {
  fail(err.code === 'EADDRINUSE' ? `port ${opts.port} is already in use on ${HOST}` : err.message);
});

server.listen(opts.port, HOST, () => {
  const { port } = server.address();
  console.log(`serving ${opts.dir} at http://${HOST}:${port}${opts.base}${opts.compress ? ' (compressed)' : ''}`);
  if (opts.compress) warmCache(root).catch(() => {});
});

// Pre-compress everything in the background so the first page load (e.g. a
// Lighthouse run) does not pay for brotli level 11 on the fly.
async function warmCache(dir) {
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await warmCache(path);
    else if (entry.isFile() && COMPRESSIBLE.has(extname(path).toLowerCase())) {
      const st = await fsp.stat(path);
      await Promise.all([compressed(path, st, 'br'), compressed(path, st, 'gzip')]);
    }
  }
}

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  // Do not hang on keep-alive connections still in flight.
  setTimeout(() => {
    server.closeAllConnections?.();
    process.exit(0);
  }, 1000).unref();
  if (process.env.SERVE_DIST_VERBOSE) console.log(`serve-dist: ${signal}, shutting down`);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
