import { newCallSid, PhoneCall, postAsTwilio, startIvrWorld, type IvrWorld } from './harness';
import { readVoiceScreen } from '../../ivr/twiml-reader';

/** What a caller trips over on the phone line, each heard through signed webhooks. */

const JORDAN = '+17045550101';
const MARIA = '+13055550122';

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world?.close();
});

/** Jordan calls, verifies for a payment, picks the Civic and pays the amount due today from the bank on file. */
async function jordanPaidCivicDue(): Promise<PhoneCall> {
  const call = new PhoneCall(world, JORDAN);
  await call.dial();
  for (const keys of ['1', '4100020001', '401227788', '1', '1', '1', '1']) await call.press(keys);
  const done = await call.press('1');
  expect(done.text).toMatch(/confirmation number is/);
  return call;
}

describe('nothing due, said as such', () => {
  it('when Jordan has just paid the amount due and asks what he owes, then he hears that no payment is due, that today’s payment covered it, and when the next one is due, never "0 dollars due"', async () => {
    const call = await jordanPaidCivicDue();
    const balance = await call.press('2');
    expect(balance.text).not.toMatch(/\b0 dollars/);
    expect(balance.text).toMatch(/There is no payment due on your 2021 Honda Civic, account ending 0 0 0 1, right now: today's payment covered it\./);
    expect(balance.text).toMatch(/Your next payment of 412 dollars and 36 cents is due on \w+day, \w+ \d+\./);
  });

  it('when María pays everything due and asks in Spanish, then she hears it in Spanish, never "0 dólares"', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    for (const keys of ['1', '4100020002', '533182046', '1', '1', '1', '021000021', '123456789']) await call.press(keys);
    expect((await call.press('1')).text).toMatch(/confirmación es/);
    const balance = await call.press('2');
    expect(balance.text).not.toMatch(/\b0 dólares/);
    expect(balance.text).toMatch(/no tiene ningún pago pendiente en este momento: el pago de hoy lo cubrió/);
    expect(balance.text).toMatch(/Su próximo pago, de 589 dólares con 10 centavos, vence el/);
  });

  it('when nothing is due and Jordan makes a payment, then the amount options are numbered 1 and 2, with no gap', async () => {
    // The Civic's amount due was paid in the first story.
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    for (const keys of ['1', '4100020001', '401227788']) await call.press(keys);
    const amountChoice = await call.press('1');
    expect(amountChoice.text).toMatch(/nothing due right now/);
    expect(amountChoice.text).toMatch(/To pay an amount of your choice, press 1\. To pay extra toward principal, press 2\./);
    expect(amountChoice.text).not.toMatch(/press 3/);
    const amount = await call.press('1');
    expect(amount.text).toMatch(/Enter the amount in dollars/);
  });
});

describe('spoken text', () => {
  it('when a caller hears the FICO Score, then no symbol such as ® reaches <Say>', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('6');
    await call.press('4100020001');
    const score = await call.press('401227788');
    expect(score.text).toMatch(/FICO Score/);
    expect(score.xml).not.toMatch(/[®™©]/);
  });
});

describe("a VIN whose last 6 hold a letter", () => {
  it('when María is asked for her reference, then she is told she can say the last 6 with the letter, and saying "A six seven eight nine zero" verifies her', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    const ask = await call.press('1');
    expect(ask.text).toMatch(/Si incluyen una letra, dígalos en voz alta/);
    const askSsn = await call.say('A seis siete ocho nueve cero');
    expect(askSsn.text).toMatch(/Seguro Social/);
    const verified = await call.press('533182046');
    expect(verified.text).toMatch(/María/);
  });

  it('when a caller keys only the 5 digits they can, then they hear plainly how to give the last 6 or the account number instead', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    const told = await call.press('67890');
    expect(told.text).toMatch(/If the last 6 of your VIN include a letter, say them, for example A 6 7 8 9 0, or enter your 10-digit account number instead\./);
  });
});

describe('the language choice for a known caller', () => {
  it('when Jordan (known, English) calls, then the first menu offers "para español, oprima 9", and 9 switches to Spanish', async () => {
    const call = new PhoneCall(world, JORDAN);
    const welcome = await call.dial();
    expect(welcome.text).not.toMatch(/For English, press 1/);
    expect(welcome.text).toMatch(/Para español, oprima 9\./);
    const spanish = await call.press('9');
    expect(spanish.says.every((s) => s.language === 'es-US')).toBe(true);
    expect(spanish.text).toMatch(/Para hacer un pago, oprima 1/);
  });

  it('when María (known, Spanish) calls, then the first menu offers "for English, press 9"', async () => {
    const call = new PhoneCall(world, MARIA);
    const welcome = await call.dial();
    expect(welcome.text).toMatch(/For English, press 9\./);
    const english = await call.press('9');
    expect(english.says.every((s) => s.language === 'en-US')).toBe(true);
  });
});

describe('transfers to a person carry the summary', () => {
  async function whisperFor(call: PhoneCall): Promise<string> {
    const url = call.last!.verbs.find((v) => v.verb === 'Dial')!.children.find((c) => c.verb === 'Number')!.attrs.url!;
    const posted = await postAsTwilio(world, url, { CallSid: newCallSid(), ParentCallSid: call.callSid, AccountSid: `AC${'0'.repeat(32)}`, CallStatus: 'in-progress' });
    expect(posted.status).toBe(200);
    return readVoiceScreen(posted.body).says.map((s) => s.text).join(' ');
  }

  it('when Jordan presses 0 after verifying, then the transfer dials with a whisper that tells the agent who he is, which account, and why', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    for (const keys of ['1', '4100020001', '401227788', '1']) await call.press(keys);
    const transfer = await call.press('0');
    expect(transfer.dial).toBe('+18889252559');
    const heard = await whisperFor(call);
    expect(heard).toMatch(/reason: requested/);
    expect(heard).toMatch(/customer: Jordan/);
    expect(heard).toMatch(/2021 Honda Civic/);
    expect(heard).not.toMatch(/401227788|4 0 1 2 2 7 7 8 8/);
  });

  it('when a caller fails a prompt three times, then the transfer carries the summary with the reason and the step in progress', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    await call.silence();
    await call.silence();
    const transfer = await call.silence();
    expect(transfer.dial).toBe('+18889252559');
    const heard = await whisperFor(call);
    expect(heard).toMatch(/reason: retries/);
    expect(heard).toMatch(/verified: no/);
  });

  it('when the whisper request is not signed by Twilio, then it is refused', async () => {
    const posted = await postAsTwilio(world, '/voice/whisper', { CallSid: newCallSid(), ParentCallSid: newCallSid() }, { signature: null });
    expect(posted.status).toBe(403);
  });
});
