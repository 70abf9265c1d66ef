import type { IncomingMessage, ServerResponse } from 'node:http';

/** Direct Line's error codes, as its REST reference names them. */
export type DirectLineErrorCode =
  | 'BadArgument'
  | 'MissingProperty'
  | 'MalformedData'
  | 'MessageSizeTooBig'
  | 'NotSupported'
  | 'Unauthorized'
  | 'Forbidden'
  | 'TokenExpired'
  | 'ConversationNotFound'
  | 'NotFound'
  | 'TooManyRequests'
  | 'BotError'
  | 'BotTimeout'
  | 'BotUnavailable'
  | 'ServiceError';

/** A client-visible failure: becomes `{ error: { code, message } }` with its status. */
export class DirectLineHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: DirectLineErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DirectLineHttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: DirectLineHttpError): void {
  sendJson(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
}

// Beyond this we stop reading and close the connection instead of draining a flood.
const DRAIN_LIMIT_BYTES = 1024 * 1024;

/**
 * Reads and parses a JSON body of at most `limitBytes`. An empty body reads
 * as `undefined`. Works whether or not a body parser already ran on the
 * server (the bot's own route needs one, and the composition root may have
 * installed it globally).
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    await drainOrDrop(req);
    throw tooBig(limitBytes);
  }
  const preParsed = (req as IncomingMessage & { body?: unknown; rawBody?: unknown }).body;
  if (preParsed !== undefined || req.readableEnded) {
    const raw = (req as { rawBody?: unknown }).rawBody;
    if (typeof raw === 'string' || Buffer.isBuffer(raw)) return parseJson(Buffer.from(raw), limitBytes);
    if (typeof preParsed === 'string' || Buffer.isBuffer(preParsed)) return parseJson(Buffer.from(preParsed), limitBytes);
    return preParsed;
  }
  const raw = await collect(req, limitBytes);
  return parseJson(raw, limitBytes);
}

/** No client of this service nests JSON deeper; a card submit is a handful of levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of objects and arrays in a JSON text, counted without
 * parsing (brackets inside strings do not count), so a hostile body is
 * refused before anything recursive walks it.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) deepest = Math.max(deepest, ++depth);
    else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return deepest;
}

function parseJson(raw: Buffer, limitBytes: number): unknown {
  if (raw.length > limitBytes) throw tooBig(limitBytes);
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new DirectLineHttpError(400, 'MalformedData', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new DirectLineHttpError(400, 'MalformedData', 'The request body is not valid JSON.');
  }
}

function tooBig(limitBytes: number): DirectLineHttpError {
  return new DirectLineHttpError(400, 'MessageSizeTooBig', `The request body is larger than ${limitBytes} bytes.`);
}

function collect(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep draining past the limit so the 400 reaches the client on a healthy socket.
      if (size <= limitBytes) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.destroy();
    });
    req.on('end', () => (size > limitBytes ? reject(tooBig(limitBytes)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(tooBig(limitBytes));
    });
  });
}

async function drainOrDrop(req: IncomingMessage): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > DRAIN_LIMIT_BYTES || req.readableEnded) return;
  await new Promise<void>((resolve) => {
    req.on('end', resolve);
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.resume();
  });
}

/** The bearer credential of a request, `undefined` when there is no Authorization header. */
export function bearerOf(req: IncomingMessage): string | undefined | null {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  // null: a header that is present but is not a bearer credential.
  return match?.[1] ?? null;
}
