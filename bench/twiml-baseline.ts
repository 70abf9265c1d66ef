import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response } from 'restify';
import twilio from 'twilio';

/** The auth token the baseline checks signatures with (a bench value, never a real account's). */
export const BASELINE_AUTH_TOKEN = 'bench-twiml-baseline-auth-token';

/**
 * The phone line's floor: bare restify and twilio answering the same signed
 * webhooks the assistant's phone line gets, with a `<Gather>` that points at
 * the next one, and nothing else (no engine, no database). What a call costs
 * on top of this is what the assistant adds per webhook.
 */
export async function startTwimlBaseline(): Promise<{ base: string; authToken: string; close(): Promise<void> }> {
  const server = restify.createServer({ name: 'twiml-baseline' });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  let base = '';

  /** The form parameters, as Twilio signed them. */
  const paramsOf = (req: Request): Record<string, string> =>
    Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
  const signed = (req: Request) => twilio.validateRequest(BASELINE_AUTH_TOKEN, req.header('X-Twilio-Signature') ?? '', base + req.url, paramsOf(req));
  const answer = (res: Response, twiml: string) => {
    res.setHeader('Content-Type', 'text/xml');
    res.sendRaw(200, twiml);
  };
  const gather = (text: string): string => {
    const response = new twilio.twiml.VoiceResponse();
    response.gather({ input: ['dtmf'], action: `${base}/voice/gather`, method: 'POST', timeout: 5 }).say({ voice: 'Polly.Joanna-Neural', language: 'en-US' }, text);
    return response.toString();
  };

  server.post('/voice/incoming', async (req: Request, res: Response) => {
    if (!signed(req)) return res.send(403);
    answer(res, gather('Thank you for calling. Press 1 to make a payment.'));
  });
  server.post('/voice/gather', async (req: Request, res: Response) => {
    if (!signed(req)) return res.send(403);
    answer(res, gather(`You pressed ${paramsOf(req).Digits ?? 'nothing'}. Your confirmation number is 1234 5678 90.`));
  });
  server.post('/voice/status', async (req: Request, res: Response) => {
    if (!signed(req)) return res.send(403);
    answer(res, new twilio.twiml.VoiceResponse().toString());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, authToken: BASELINE_AUTH_TOKEN, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
