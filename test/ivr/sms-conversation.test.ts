import { randomBytes } from 'node:crypto';
import { readMessages } from '../../ivr/twiml-reader';
import { postAsTwilio, startIvrWorld, text, type IvrWorld } from './harness';

/**
 * Free text by SMS through the real /sms/incoming webhook, signed as Twilio
 * signs it: the engine answers every text, the route only renders `<Message>`.
 */
const JORDAN = '+17045550101';
const MARIA = '+13055550122';

let world: IvrWorld;
const logs: string[] = [];
beforeAll(async () => {
  world = await startIvrWorld({ LOG_LEVEL: 'debug' }, { logDestination: { write: (line: string) => void logs.push(line) } });
});
afterAll(async () => {
  await world?.close();
});

async function smsPaymentCount(): Promise<number> {
  let n = 0;
  for (const id of ['acc_4100020001', 'acc_4100020002', 'acc_4100020005']) {
    n += (await world.app.repos.payments.history(id, 100)).filter((p) => p.channel === 'sms').length;
  }
  return n;
}

describe('a question by text', () => {
  it('when Jordan asks where to mail a check, then one short reply carries the address', async () => {
    const r = await text(world, JORDAN, 'where do I mail my payment?');
    expect(r.status).toBe(200);
    expect(r.replies).toHaveLength(1);
    expect(r.replies[0]).toMatch(/^Mail payments to Payment Processing Center, P\.O\. Box 71119, Charlotte, NC 28272-1119/);
    expect(r.replies[0]!.length).toBeLessThanOrEqual(160);
  });

  it('when María asks in Spanish, then the answer is in Spanish', async () => {
    const r = await text(world, MARIA, '¿puedo pagar por teléfono?');
    expect(r.replies[0]).toMatch(/^Pague por teléfono con ACI Payments al 1-888-631-8930/);
  });

  it('when María asks for a person, then she gets the number, in Spanish', async () => {
    const r = await text(world, MARIA, 'quiero hablar con una persona');
    expect(r.replies[0]).toBe('Para hablar con una persona, llame al 1-888-925-2559 (en ingles o en espanol).');
  });

  it('when Jordan says his car was repossessed, then he gets the number to call and no balance', async () => {
    const r = await text(world, JORDAN, 'my car got repossessed, what do I do');
    expect(r.replies[0]).toMatch(/repossession.*1-888-925-2559/);
    expect(r.replies[0]).not.toMatch(/\$\d/);
  });
});

describe('PAY with an amount', () => {
  it('when Jordan texts PAY 100, then he is told plainly that a text pays the amount due, and nothing is paid', async () => {
    const before = await smsPaymentCount();
    const r = await text(world, JORDAN, 'PAY 100');
    expect(r.replies[0]).toMatch(/^A text pays only the amount due in your reminder: reply PAY and its 4-digit code/);
    expect(await smsPaymentCount()).toBe(before);
  });

  it('when María texts PAGAR 100, then she is told the same in Spanish', async () => {
    const r = await text(world, MARIA, 'PAGAR 100');
    expect(r.replies[0]).toMatch(/^Por texto solo se paga el monto de su recordatorio/);
  });
});

describe('sensitive numbers by text', () => {
  it('when Jordan texts his SSN, then it is refused, never echoed and never logged', async () => {
    const r = await text(world, JORDAN, 'my social is 123-45-6789');
    expect(r.replies[0]).toMatch(/^For your security, never text your SSN, card or bank account number/);
    expect(r.xml).not.toMatch(/123-?45-?6789|6789/);
    const logged = logs.join('');
    expect(logged).toContain('sms answered');
    expect(logged).not.toMatch(/123-?45-?6789/);
  });

  it('when María texts a card number, then it is refused in Spanish and never echoed', async () => {
    const r = await text(world, MARIA, 'mi tarjeta es 4111 1111 1111 1111');
    expect(r.replies[0]).toMatch(/^Por su seguridad, nunca envie por texto/);
    expect(r.xml).not.toContain('1111');
    expect(logs.join('')).not.toMatch(/4111[\s-]?1111/);
  });
});

describe('the webhook', () => {
  it('when Twilio retries the same message, then the same reply comes back and the opt-out holds', async () => {
    const params = { MessageSid: `SM${randomBytes(16).toString('hex')}`, AccountSid: `AC${'0'.repeat(32)}`, From: MARIA, To: '+18005550100', Body: 'ALTO', NumMedia: '0' };
    const first = await postAsTwilio(world, '/sms/incoming', params);
    const again = await postAsTwilio(world, '/sms/incoming', params);
    expect(readMessages(first.body)).toEqual(readMessages(again.body));
    expect(readMessages(first.body)[0]).toMatch(/^Ya no le enviaremos mensajes de texto/);
    expect(await world.app.repos.customers.byMobile(MARIA)).toMatchObject({ smsOptedOut: true });
    await text(world, MARIA, 'START');
  });

  it('when a text comes unsigned, then it gets 403 and no reply', async () => {
    const r = await postAsTwilio(world, '/sms/incoming', { From: JORDAN, Body: 'where do I mail my payment?' }, { signature: null });
    expect(r.status).toBe(403);
    expect(r.body).not.toMatch(/Message/);
  });

  it('when a signed text has no sender, then it gets 400', async () => {
    const r = await postAsTwilio(world, '/sms/incoming', { Body: 'HELP', MessageSid: 'SM1' });
    expect(r.status).toBe(400);
  });
});
