import twilio from 'twilio';
import { postAsTwilio, PhoneCall, startIvrWorld, newCallSid, type IvrWorld } from './harness';

const JORDAN = '+17045550101';
const MARIA = '+13055550122';
const STRANGER = '+15555550199';
const CIVIC = 'acc_4100020001';
const F150 = 'acc_4100020002';

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Payments on an account made during one call (its session id is in the idempotency key). */
async function paymentsOfCall(accountId: string, call: PhoneCall) {
  return (await world.app.repos.payments.history(accountId, 100)).filter((p) => p.idempotencyKey.includes(call.callSid));
}

async function sessionOf(call: PhoneCall) {
  return world.app.repos.sessions.load(`voice:${call.callSid}`);
}

/** Jordan calls, asks to pay, and verifies with his account number and SSN. */
async function jordanVerified(): Promise<PhoneCall> {
  const call = new PhoneCall(world, JORDAN);
  await call.dial();
  await call.press('1');
  await call.press('4100020001');
  await call.press('401227788');
  return call;
}

describe('paying by phone', () => {
  it('when Jordan calls from his mobile and pays the Civic amount due today from the bank on file, then he hears a confirmation number digit by digit and one payment is made', async () => {
    const call = new PhoneCall(world, JORDAN);

    const welcome = await call.dial();
    expect(welcome.status).toBe(200);
    expect(welcome.text).not.toMatch(/For English, press 1/); // a known caller skips the language menu
    expect(welcome.text).toMatch(/To make a payment, press 1/);

    const askReference = await call.press('1');
    expect(askReference.text).toMatch(/verify your identity/);
    expect(askReference.gather).toMatchObject({ input: 'dtmf speech', finishOnKey: '#' });

    const askSsn = await call.press('4100020001');
    expect(askSsn.text).toMatch(/9-digit Social Security number/);
    expect(askSsn.gather).toMatchObject({ input: 'dtmf', numDigits: '9' });

    const pickVehicle = await call.press('401227788');
    expect(pickVehicle.text).toMatch(/Thank you, Jordan/);
    expect(pickVehicle.text).toMatch(/2021 Honda Civic, account ending 0 0 0 1, press 1/);

    const amountChoice = await call.press('1');
    expect(amountChoice.text).toMatch(/412 dollars and 36 cents due/);

    await call.press('1'); // the amount due
    const funding = await call.press('1'); // today
    expect(funding.text).toMatch(/bank account on file/);

    const readBack = await call.press('1'); // bank on file
    expect(readBack.text).toMatch(/412 dollars and 36 cents toward your 2021 Honda Civic/);
    expect(readBack.text).toMatch(/ending 4 3 2 1/);
    expect(readBack.gather).toMatchObject({ numDigits: '1', hints: 'yes, no' });

    const done = await call.press('1');
    const spoken = /confirmation number is ((?:\d ){9}\d)\./.exec(done.text);
    expect(spoken).not.toBeNull();
    const payments = await paymentsOfCall(CIVIC, call);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 41236, method: 'bank_on_file', status: 'posted' });
    expect(spoken![1]!.replace(/ /g, '')).toBe(payments[0]!.confirmationNumber);
    expect(done.gather).not.toBeNull(); // "anything else?"
  });

  it('when María calls, then the Spanish voice greets her, and she pays the F-150 with a new bank account by keypad', async () => {
    const call = new PhoneCall(world, MARIA);
    const welcome = await call.dial();
    expect(welcome.says.every((s) => s.voice === 'Polly.Lupe-Neural' && s.language === 'es-US')).toBe(true);
    expect(welcome.gather).toMatchObject({ language: 'es-US' });

    await call.press('1');
    await call.press('4100020002');
    const verified = await call.press('533182046');
    expect(verified.text).toMatch(/María|Maria/);
    expect(verified.text).toMatch(/dólares/);

    await call.press('1'); // the amount due
    const routing = await call.press('1'); // today; no bank on file, so straight to the routing number
    expect(routing.gather).toMatchObject({ numDigits: '9' });
    const bankAccount = await call.press('021000021');
    expect(bankAccount.gather).toMatchObject({ input: 'dtmf' }); // a bank account number is never transcribed
    // Debited as checking unless she presses 3 for savings, as the read-back says.
    const readBack = await call.press('987654321098');
    expect(readBack.text).toMatch(/1 0 9 8 como cuenta de cheques\. Si es una cuenta de ahorros, oprima 3 o diga ahorros\./);
    expect(readBack.text).toMatch(/1 0 9 8/);
    expect(readBack.gather).toMatchObject({ hints: 'sí, no' });

    const done = await call.press('1');
    expect(done.says.every((s) => s.language === 'es-US')).toBe(true);
    const payments = await paymentsOfCall(F150, call);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 117820, method: 'bank_new', bankAccountLast4: '1098', bankAccountType: 'checking' });
    expect(done.text.replace(/ /g, '')).toContain(payments[0]!.confirmationNumber);
    expect(done.xml).not.toContain('987654321098');
  });

  it('when a caller the line does not know calls, then the language menu plays, and pressing 2 continues in Spanish', async () => {
    const call = new PhoneCall(world, STRANGER);
    const menu = await call.dial();
    expect(menu.text).toMatch(/For English, press 1\. Para español, oprima 2\./);
    expect(menu.gather).toMatchObject({ numDigits: '1' });

    const spanish = await call.press('2');
    expect(spanish.says.length).toBeGreaterThan(0);
    expect(spanish.says.every((s) => s.voice === 'Polly.Lupe-Neural')).toBe(true);
    expect(spanish.gather).toMatchObject({ language: 'es-US', action: expect.stringContaining('l=es') });
  });
});

describe('speaking instead of pressing keys', () => {
  it('when Jordan says "I want to make a payment" at the menu, then he is asked to verify, and may say his account number', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    const askReference = await call.say('I want to make a payment');
    expect(askReference.text).toMatch(/verify your identity/);
    const askSsn = await call.say('four one zero zero zero two zero zero zero one');
    expect(askSsn.text).toMatch(/9-digit Social Security number/);
  });

  it('when speech is heard with low confidence, then it still reaches the engine, which decides what to make of it', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    const reply = await call.say('make a payment', 0.2);
    expect(reply.status).toBe(200);
    expect(reply.gather).not.toBeNull();
  });
});

describe('wrong, empty and hostile input', () => {
  it('when a caller enters an 8-digit SSN, then he is told it needs 9 and asked again', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    await call.press('4100020001');
    const again = await call.press('40122778');
    expect(again.text).toMatch(/exactly 9 digits/);
    expect(again.gather).toMatchObject({ input: 'dtmf', numDigits: '9' });
  });

  it('when a caller stays silent, then the question is asked again after "I didn\'t hear anything"', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const reprompt = await call.silence();
    expect(reprompt.text).toMatch(/didn't hear anything/);
    expect(reprompt.text).toMatch(/10-digit account number/);
  });

  it('when the request carries letters for keys, then it counts as no input rather than an error', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const reprompt = await call.press('abc');
    expect(reprompt.status).toBe(200);
    expect(reprompt.text).toMatch(/10-digit account number/);
  });

  it('when a 10,000-character speech result arrives, then the caller is simply asked again', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const reprompt = await call.say('blah '.repeat(2000), 0.2);
    expect(reprompt.status).toBe(200);
    expect(reprompt.gather).not.toBeNull();
    expect(reprompt.xml).not.toContain('blah blah');
  });

  it('when a caller presses star, then the last question is repeated', async () => {
    const call = await jordanVerified();
    const asked = await call.press('1');
    const repeated = await call.press('*');
    // Other calls in this file may have paid the Civic's amount due, which changes the wording, not the repeat.
    expect(repeated.text).toMatch(/^To pay (the amount due|an amount of your choice), press [12]\./);
    expect(asked.text.endsWith(repeated.text)).toBe(true);
    expect(repeated.gather).toMatchObject({ numDigits: '1' });
  });

  it('when a caller presses 0, then he is transferred to customer service', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const transfer = await call.press('0');
    expect(transfer.text).toMatch(/transfer you to a representative/);
    expect(transfer.dial).toBe('+18889252559');
  });

  it('when a caller gets the SSN wrong three times, then the call goes to a person', async () => {
    const call = new PhoneCall(world, STRANGER);
    await call.dial();
    await call.press('1');
    await call.press('1');
    await call.press('4100020001');
    await call.press('12345678');
    await call.press('12345678');
    const third = await call.press('12345678');
    expect(third.dial).toBe('+18889252559');
  });
});

describe('webhook security and retries', () => {
  it('when a request has no signature or a forged one, then it gets 403 and no session is created', async () => {
    const callSid = newCallSid();
    const params = { CallSid: callSid, From: JORDAN, To: '+18005550100', CallStatus: 'ringing' };
    const missing = await postAsTwilio(world, '/voice/incoming', params, { signature: null });
    const forged = await postAsTwilio(world, '/voice/incoming', params, { signature: 'c2lnbmF0dXJlIG9mIG5vYm9keQ==' });
    expect(missing.status).toBe(403);
    expect(forged.status).toBe(403);
    expect(missing.body).not.toContain('<Response');
    expect(await world.app.repos.sessions.load(`voice:${callSid}`)).toBeNull();
  });

  it('when signed parameters are tampered with (a different key pressed at the confirmation), then no payment is made', async () => {
    const call = await jordanVerified();
    await call.press('2'); // the Jeep
    await call.press('1');
    await call.press('1');
    await call.press('1'); // read back
    const url = call.actionUrl();
    const signedFor = { CallSid: call.callSid, From: JORDAN, Digits: '2' };
    const signature = twilio.getExpectedTwilioSignature(world.authToken, url, signedFor);
    const tampered = await postAsTwilio(world, url, { ...signedFor, Digits: '1' }, { signature });
    expect(tampered.status).toBe(403);
    expect(await paymentsOfCall('acc_4100020005', call)).toHaveLength(0);
  });

  it('when Twilio retries the confirmation request, then the same TwiML comes back and only one payment is made', async () => {
    const call = await jordanVerified();
    await call.press('2'); // the Jeep
    await call.press('1');
    await call.press('1');
    await call.press('1');
    const first = await call.press('1');
    const retried = await call.retry();
    expect(retried.xml).toBe(first.xml);
    expect(await paymentsOfCall('acc_4100020005', call)).toHaveLength(1);
  });

  it('when the call ends, then the status callback closes its session', async () => {
    const call = await jordanVerified();
    const ended = await call.hangUp('completed');
    expect(ended.status).toBe(200);
    const stored = await sessionOf(call);
    expect((stored!.state as { ended: boolean }).ended).toBe(true);
  });

  it('when the engine fails, then the caller hears an apology and is brought back to the same question, never a 500', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const failure = jest.spyOn(world.app.engine, 'handle').mockRejectedValueOnce(new Error('database is down'));
    const apology = await call.press('4100020001');
    failure.mockRestore();
    expect(apology.status).toBe(200);
    expect(apology.text).toMatch(/something went wrong/);
    expect(apology.xml).not.toMatch(/database|Error|at /);
    expect(apology.redirect).toMatch(/\/voice\/gather\?s=2/);

    const back = await call.follow(apology.redirect!);
    expect(back.text).toMatch(/10-digit account number/);
  });

  it('when the engine keeps failing, then after the second apology the caller is transferred', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    const failure = jest.spyOn(world.app.engine, 'handle').mockRejectedValue(new Error('database is down'));
    const first = await call.press('1');
    const second = await call.follow(first.redirect!);
    const third = await call.follow(second.redirect!);
    failure.mockRestore();
    expect(first.says[0]).toMatchObject({ language: 'es-US' });
    expect(third.dial).toBe('+18889252559');
  });
});
