import twilio from 'twilio';
import type { Request } from 'restify';

/** The form parameters Twilio posted, as restify's body parser left them. */
export function twilioParams(req: Request): Record<string, string> {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') params[key] = value;
    else if (Array.isArray(value)) params[key] = value.map(String).join(',');
    else if (value !== undefined && value !== null) params[key] = String(value);
  }
  return params;
}

/**
 * True when the request carries a valid `X-Twilio-Signature` for the URL
 * Twilio called. The URL is rebuilt from the configured public base URL, not
 * the request's Host header: behind a proxy or tunnel the host we see is not
 * the one Twilio signed. (`twilio.webhook()` does this for Express only.)
 *
 * What `twilio.validateRequest` (twilio 6.2, lib/webhooks/webhooks.js) accepts:
 * an HMAC-SHA1 with the auth token over the URL followed by the POST
 * parameters sorted by name (name + value each), compared in constant time,
 * where the URL may be any of
 * - the URL we pass, with its port removed (any port, not only the default),
 * - the URL we pass with the scheme's default port added (`:443` for https,
 *   `:80` otherwise) when it has none (a URL with a port is tried as is),
 * - the same two forms of the URL as `new URL()` normalises it (special
 *   characters percent-encoded, default port dropped, host lowercased), each
 *   also with its query string re-encoded by Node's legacy `querystring`.
 * So the signature binds the scheme, host, path, query and every parameter,
 * but not the port: with one auth token, a request signed for
 * `https://host/voice/gather` also passes at `https://host:8443/voice/gather`.
 * That matters only when two deployments on one host share a Twilio account;
 * give each its own account (auth token) or host. Nor does it bind a time: a
 * captured request stays valid forever, which is why every answered turn is
 * recorded with its session and a replay is answered from the record.
 */
export function hasValidTwilioSignature(req: Request, authToken: string, publicBaseUrl: string): boolean {
  const signature = req.header('X-Twilio-Signature');
  if (!signature) return false;
  try {
    return twilio.validateRequest(authToken, signature, publicBaseUrl + req.url, twilioParams(req));
  } catch {
    return false;
  }
}
