import twilio from 'twilio';
import { newCallSid, postAsTwilio, PhoneCall, startIvrWorld, type IvrWorld } from '../ivr/harness';

/**
 * A signed Twilio request replayed during the call (Twilio's own retry, or
 * someone who captured it) is answered from the record of that turn and acts
 * on nothing again, however many turns ago it was first answered.
 */
const JORDAN = '+17045550101';
const CIVIC = 'acc_4100020001';

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world.close();
});

type Request = { url: string; params: Record<string, string> };

async function sessionOf(call: PhoneCall) {
  return (await world.app.repos.sessions.load(`voice:${call.callSid}`))!;
}

async function paymentsOf(call: PhoneCall) {
  return (await world.app.repos.payments.history(CIVIC, 100)).filter((p) => p.idempotencyKey.includes(call.callSid));
}

async function replay(request: Request) {
  return postAsTwilio(world, request.url, request.params);
}

/** Ten turns that move nothing: the caller asks to hear the question again. */
async function tenMoreTurns(call: PhoneCall): Promise<void> {
  for (let i = 0; i < 10; i++) await call.press('*');
}

describe('replayed Twilio requests', () => {
  it('when the first turn of a call is replayed after ten more turns, then it gets the recorded answer and changes nothing', async () => {
    const call = new PhoneCall(world, JORDAN);
    const first = await call.dial();
    const firstRequest = call.lastRequest!;
    await call.press('2');
    await tenMoreTurns(call);
    const before = await sessionOf(call);

    const replayed = await replay(firstRequest);

    expect(replayed.status).toBe(200);
    expect(replayed.body).toBe(first.xml);
    const after = await sessionOf(call);
    expect(after.version).toBe(before.version);
    expect(after.state).toEqual(before.state);
  });

  it('when the confirmation that paid is replayed after ten more turns, then no second payment is made and the same confirmation is heard', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    await call.press('4100020001');
    await call.press('401227788');
    await call.press('1'); // the Civic
    await call.press('1'); // the amount due
    await call.press('1'); // today
    await call.press('1'); // bank on file
    const paid = await call.press('1'); // yes
    const paying = call.lastRequest!;
    expect(paid.text).toMatch(/confirmation number/i);
    expect(await paymentsOf(call)).toHaveLength(1);
    await tenMoreTurns(call);
    const before = await sessionOf(call);

    const replayed = await replay(paying);

    expect(replayed.body).toBe(paid.xml);
    expect(await paymentsOf(call)).toHaveLength(1);
    expect((await sessionOf(call)).version).toBe(before.version);
  });

  it('when a wrong SSN entry is replayed after ten more turns, then it does not count as another failed attempt', async () => {
    const call = new PhoneCall(world, '+15555550142');
    await call.dial();
    await call.press('1'); // English
    await call.press('1'); // make a payment
    await call.press('4100020002');
    const wrong = await call.press('444444444');
    const wrongRequest = call.lastRequest!;
    expect(wrong.text).toMatch(/doesn't match/);
    await tenMoreTurns(call);
    const failures = () => world.app.repos.verification.failuresSince('session', `voice:${call.callSid}`, new Date(Date.now() - 3_600_000));
    expect(await failures()).toBe(1);

    for (let i = 0; i < 3; i++) expect((await replay(wrongRequest)).body).toBe(wrong.xml);

    expect(await failures()).toBe(1);
  });

  it('when the call-completed status is replayed, then it is accepted and changes nothing', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('2');
    await call.hangUp('completed');
    const before = await sessionOf(call);

    expect((await call.hangUp('completed')).status).toBe(200);

    expect((await sessionOf(call)).version).toBe(before.version);
  });
});

describe('what a Twilio signature binds (see ivr/twilio-signature.ts)', () => {
  const params = () => ({ CallSid: newCallSid(), AccountSid: `AC${'0'.repeat(32)}`, From: JORDAN, To: '+18005550100', CallStatus: 'ringing' });
  const signedOver = (url: string, p: Record<string, string>) => twilio.getExpectedTwilioSignature(world.authToken, url, p);

  it('when a request was signed over our URL without its port, then it is accepted: the port is not bound', async () => {
    const p = params();
    const withoutPort = `${world.base}/voice/incoming`.replace(/:\d+\//, '/');
    expect(withoutPort).not.toBe(`${world.base}/voice/incoming`);

    expect((await postAsTwilio(world, '/voice/incoming', p, { signature: signedOver(withoutPort, p) })).status).toBe(200);
  });

  it('when a request was signed over another path, query or parameter, then it is refused', async () => {
    const p = params();
    const url = `${world.base}/voice/incoming`;
    expect((await postAsTwilio(world, '/voice/incoming', p, { signature: signedOver(`${world.base}/voice/gather`, p) })).status).toBe(403);
    expect((await postAsTwilio(world, '/voice/incoming', p, { signature: signedOver(`${url}?s=2`, p) })).status).toBe(403);
    expect((await postAsTwilio(world, '/voice/incoming', p, { signature: signedOver(url, { ...p, From: '+15555550100' }) })).status).toBe(403);
    expect((await postAsTwilio(world, '/voice/incoming', p, { signature: signedOver(url.replace('http:', 'https:'), p) })).status).toBe(403);
  });
});
