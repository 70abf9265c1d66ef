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
