import type { Response } from 'restify';

/** Writes TwiML as is: restify's formatters would JSON-encode a string body. */
export function sendTwiml(res: Response, xml: string, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(xml);
}

/** A 403 with no details: a forged webhook learns nothing about why. */
export function sendForbidden(res: Response): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Forbidden');
}

export function sendBadRequest(res: Response): void {
  res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Bad request');
}
