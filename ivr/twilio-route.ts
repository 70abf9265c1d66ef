import type { Request, RequestHandler, Response } from 'restify';
import type { z } from 'zod';
import type { Logger } from '../core/logging/logger';
import { sendBadRequest, sendForbidden, sendTwiml } from './http';
import { hasValidTwilioSignature, twilioParams } from './twilio-signature';

/** What every Twilio webhook is checked against: the account's auth token and the URL Twilio calls us at. */
export interface TwilioEdge {
  authToken: string;
  /** Read per request: the public URL is known only after listen. */
  publicUrl: () => string;
  logger: Logger;
}

/**
 * A webhook's own work, once the request is known to come from Twilio and
 * its parameters have parsed: the TwiML to answer with, or null when the
 * request is malformed in a way only the handler can see (a bad query
 * string), which is answered 400.
 */
export type TwilioHandler<T> = (params: T, req: Request, res: Response) => Promise<string | null>;

/** Wraps one webhook's handler: see {@link createTwilioRoute}. */
export type TwilioRoute = <S extends z.ZodType>(schema: S, handler: TwilioHandler<z.infer<S>>) => RequestHandler;

/**
 * The one wrapper every Twilio webhook (voice, pay, SMS) goes through,
 * bound to the account it answers for: `twilioRoute(schema, handler)` checks
 * the signature first (403 without touching anything else), then parses the
 * posted parameters with the route's zod schema (400 when they do not
 * parse), then runs the handler and sends its TwiML as is.
 */
export function createTwilioRoute(edge: TwilioEdge): TwilioRoute {
  const log = edge.logger.child({ component: 'ivr' });
  return (schema, handler) => async (req: Request, res: Response) => {
    if (!hasValidTwilioSignature(req, edge.authToken, edge.publicUrl())) {
      log.warn({ path: req.path() }, 'rejected a request without a valid Twilio signature');
      sendForbidden(res);
      return;
    }
    const parsed = schema.safeParse(twilioParams(req));
    if (!parsed.success) {
      sendBadRequest(res);
      return;
    }
    const xml = await handler(parsed.data, req, res);
    if (xml === null) sendBadRequest(res);
    else sendTwiml(res, xml);
  };
}
