import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gzipSync } from 'node:zlib';
import type { Server } from 'restify';

/** Where the page's own static files live; see {@link mountWebChatPage}. */
export interface WebChatPageOptions {
  /** Folder holding index.html, app.js, styles.css and favicon.svg. Default: `bot/public`. */
  publicDir?: string;
  /** Path of Web Chat's prebuilt UMD bundle. Default: `dist/webchat.js` of the installed `botframework-webchat`. */
  webChatBundle?: string;
}

/**
 * Everything the page loads comes from this server: scripts and styles from
 * 'self' only, no CDN, no external font. Web Chat injects its styles at run
 * time (emotion `<style>` tags) and uses data: URIs for some icons, hence
 * 'unsafe-inline' for styles and data:/blob: for images; scripts stay strict.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // 'self' covers same-origin ws:/wss: in CSP Level 3 browsers; Direct Line's stream is on this origin.
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

interface StaticAsset {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
  etag: string;
}

const ASSETS: ReadonlyArray<{ route: string; file: string; contentType: string }> = [
  { route: '/', file: 'index.html', contentType: 'text/html; charset=utf-8' },
  { route: '/assets/app.js', file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  { route: '/assets/styles.css', file: 'styles.css', contentType: 'text/css; charset=utf-8' },
  { route: '/favicon.svg', file: 'favicon.svg', contentType: 'image/svg+xml' },
];

/**
 * Mounts the web chat page: `GET /` (the page), its script and stylesheet
 * under `/assets/`, and `GET /webchat/webchat.js`, the official Web Chat
 * bundle served from the npm package so the page needs no CDN. The page talks
 * to the bot through the local Direct Line at `/v3/directline` (mounted
 * separately by `mountDirectLine`).
 *
 * The small page assets are read once at mount time (a missing file fails at
 * startup, not on the first visitor) and revalidated with an ETag; the
 * 4 MB bundle is streamed, or sent gzipped from a copy compressed on first
 * use, and cached by browsers for a day.
 */
export function mountWebChatPage(server: Server, options: WebChatPageOptions = {}): void {
  const publicDir = options.publicDir ?? defaultPublicDir();
  const bundlePath = options.webChatBundle ?? defaultWebChatBundle();

  for (const { route, file, contentType } of ASSETS) {
    const asset = loadAsset(path.join(publicDir, file), contentType);
    const handler = async (req: IncomingMessage, res: ServerResponse) => {
      sendAsset(req, res, asset, 'no-cache');
    };
    server.get(route, handler);
    server.head(route, handler);
  }
  // Browsers ask for /favicon.ico regardless of the <link>; answer instead of logging a 404 per visit.
  server.get('/favicon.ico', async (_req, res) => {
    res.writeHead(301, { Location: '/favicon.svg', 'Cache-Control': 'public, max-age=86400' });
    res.end();
  });

  const bundle = bundleServer(bundlePath);
  // restify's chain ends when the promise settles, so it resolves only once the file has been written out.
  const bundleHandler = async (req: IncomingMessage, res: ServerResponse) => {
    await bundle(req, res);
  };
  server.get('/webchat/webchat.js', bundleHandler);
  server.head('/webchat/webchat.js', bundleHandler);
}

function loadAsset(file: string, contentType: string): StaticAsset {
  const body = readFileSync(file);
  return {
    body,
    gzipped: gzipSync(body),
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: StaticAsset, cacheControl: string): void {
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': asset.contentType,
    'Cache-Control': cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = acceptsGzip(req);
  const body = gzip ? asset.gzipped : asset.body;
  res.writeHead(200, { ...headers, ...(gzip ? { 'Content-Encoding': 'gzip' } : {}), 'Content-Length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Serves Web Chat's bundle. Its identity is the installed package's file
 * (size and mtime), so the ETag changes exactly when `npm install` changes
 * the file and a day of browser caching is safe.
 */
function bundleServer(bundlePath: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const stat = statSync(bundlePath);
  const etag = `"webchat-${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  let gzipped: Buffer | null = null;
  const headers: Record<string, string> = {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
    ETag: etag,
    Vary: 'Accept-Encoding',
  };
  return async (req, res) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (acceptsGzip(req)) {
      // Compressing 4 MB costs ~100 ms; do it once, not per visitor.
      gzipped ??= gzipSync(readFileSync(bundlePath));
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(gzipped.length) });
      res.end(req.method === 'HEAD' ? undefined : gzipped);
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Length': String(stat.size) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(createReadStream(bundlePath), res).catch(() => {
      // The visitor left mid-download or the file vanished; nothing useful to send now.
      res.destroy();
    });
  };
}

function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header);
}

function defaultPublicDir(): string {
  // Run from source (tsx, ts-jest) the files sit beside this module; from a tsc build in dist/ they stay in the source tree.
  const candidates = [path.join(__dirname, 'public'), path.resolve(__dirname, '..', '..', 'bot', 'public')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

function defaultWebChatBundle(): string {
  // The package's exports map hides dist/, but the CommonJS entry's folder is a stable anchor next to it.
  const entry = require.resolve('botframework-webchat');
  return path.join(path.dirname(entry), '..', 'dist', 'webchat.js');
}
