import { PhoneCall, startIvrWorld, type Heard, type IvrWorld } from './harness';

/** Every option of the phone menu, in English and Spanish, through signed webhooks. */
let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld();
});
afterAll(async () => {
  await world?.close();
});

interface Caller {
  from: string;
  account: string;
  taxId: string;
  /** Keypad choice of vehicle when the caller has more than one, else null. */
  vehicle: string | null;
}
const JORDAN: Caller = { from: '+17045550101', account: '4100020001', taxId: '401227788', vehicle: '1' };
const MARIA: Caller = { from: '+13055550122', account: '4100020002', taxId: '533182046', vehicle: null };
const PRIYA: Caller = { from: '+13125550143', account: '4100020003', taxId: '612093345', vehicle: null };
const BLUE_RIDGE: Caller = { from: '+18285550164', account: '4100020004', taxId: '561234567', vehicle: null };

/** Dials, picks a menu option, verifies, and picks the vehicle if asked: returns what the caller then hears. */
async function option(caller: Caller, digit: string): Promise<{ call: PhoneCall; heard: Heard }> {
  const call = new PhoneCall(world, caller.from);
  await call.dial();
  const first = await call.press(digit);
  if (!/account number|número de cuenta/i.test(first.text)) return { call, heard: first };
  await call.press(caller.account);
  let heard = await call.press(caller.taxId);
  if (caller.vehicle && /Which vehicle|Para qué vehículo/.test(heard.text)) {
    heard = await call.press(caller.vehicle);
  }
  return { call, heard };
}

describe('the phone menu in English', () => {
  it('2: Jordan hears his amount due and due date as words', async () => {
    const { heard } = await option(JORDAN, '2');
    expect(heard.text).toMatch(/has \d[\d,]* dollars( and \d+ cents)? due on \w+day, \w+ \d+/);
    expect(heard.says.every((s) => s.language === 'en-US')).toBe(true);
  });

  it('3: Jordan hears a payoff amount good through a date', async () => {
    const { heard } = await option(JORDAN, '3');
    expect(heard.text).toMatch(/payoff amount is [\d,]+ dollars.*good through/);
  });

  it('4: Blue Ridge hears its Auto Pay is on for day 15', async () => {
    const { heard } = await option(BLUE_RIDGE, '4');
    expect(heard.text).toMatch(/Auto Pay is on.*day 15/);
  });

  it('5: Priya hears her title was mailed and is offered email updates, by keypad', async () => {
    const { call, heard } = await option(PRIYA, '5');
    expect(heard.text).toMatch(/title was mailed/);
    expect(heard.text).toMatch(/Press 1 for yes, or 2 for no/);
    const address = await call.press('1');
    // The address on file is asked about, never read out.
    expect(address.text).toMatch(/email address we have on file/);
    expect(address.text).not.toContain('@');
    const done = await call.press('1');
    expect(done.text).toMatch(/email you updates/);
  });

  it('6: Jordan hears his FICO Score of 742 and that checking it has no impact', async () => {
    const { heard } = await option(JORDAN, '6');
    expect(heard.text).toMatch(/742/);
    expect(heard.text).toMatch(/no impact on your credit/);
  });

  it('6: the business caller is told plainly there is no FICO Score', async () => {
    const { heard } = await option(BLUE_RIDGE, '6');
    expect(heard.text).toMatch(/no FICO® Score for a business account|no FICO Score/);
  });

  it('7: ways to pay need no verification and carry the fees', async () => {
    const { heard } = await option(JORDAN, '7');
    expect(heard.text).toMatch(/4 dollar fee/);
    expect(heard.text).toMatch(/3 dollar and 75 cent fee/);
    expect(heard.text).toMatch(/MoneyGram/);
  });
});

describe('el menú telefónico en español', () => {
  it('2: María oye su monto adeudado con lo vencido, en la voz en español', async () => {
    const { heard } = await option(MARIA, '2');
    expect(heard.text).toMatch(/1,178 dólares con 20 centavos/);
    expect(heard.text).toMatch(/589 dólares con 10 centavos/);
    expect(heard.says.every((s) => s.language === 'es-US')).toBe(true);
  });

  it('3: María oye su monto de liquidación', async () => {
    const { heard } = await option(MARIA, '3');
    expect(heard.text).toMatch(/liquidaci[oó]n/);
    expect(heard.text).toMatch(/dólares/);
  });

  it('4: María puede inscribirse en Auto Pay', async () => {
    const { heard } = await option(MARIA, '4');
    expect(heard.text).toMatch(/día del mes/);
  });

  it('5: María oye que el título se conserva hasta liquidar', async () => {
    const { heard } = await option(MARIA, '5');
    expect(heard.text).toMatch(/liquid/);
  });

  it('6: María oye su puntaje FICO de 688', async () => {
    const { heard } = await option(MARIA, '6');
    expect(heard.text).toMatch(/688/);
  });

  it('7: formas de pago con sus cargos', async () => {
    const { heard } = await option(MARIA, '7');
    expect(heard.text).toMatch(/4 dólares/);
    expect(heard.text).toMatch(/MoneyGram/);
  });
});

describe('wrong, empty and hostile input at every prompt of a phone payment', () => {
  const JUNK: ((call: PhoneCall) => Promise<Heard>)[] = [
    (c) => c.press('9999999999999999999'),
    (c) => c.silence(),
    (c) => c.say("'; DROP TABLE \"Payment\"; -- <script>", 0.3),
  ];

  /** The keys that move a payment call from one prompt to the next, for each caller. */
  const STEPS: [string, string][] = [
    ['menu', '1'],
    ['account number', '4100020002'],
    ['tax id', '533182046'],
    ['amount choice', '2'],
    ['amount', '5*00'],
    ['date choice', '1'],
    ['routing', '021000021'],
    ['bank account', '123456789'],
  ];

  it.each(STEPS.map((s, i) => [s[0], i] as const))('at the %s prompt (María, Spanish), two bad answers are met with the same question and the call goes on', async (_name, index) => {
    const call = new PhoneCall(world, MARIA.from);
    let heard = await call.dial();
    for (const [, keys] of STEPS.slice(0, index)) heard = await call.press(keys);
    const question = heard.gather;
    for (const junk of JUNK.slice(0, 2)) {
      const reply = await junk(call);
      expect(reply.status).toBe(200);
      expect(reply.dial).toBeNull();
      expect(reply.says.every((s) => s.language === 'es-US')).toBe(true);
      expect(reply.gather?.numDigits).toBe(question?.numDigits);
    }
    // The right answer still works after the junk.
    const next = await call.press(STEPS[index]![1]);
    expect(next.status).toBe(200);
    expect(next.gather ?? next.dial).not.toBeNull();
  });

  it('hostile speech at the confirmation makes no payment and the caller can still confirm', async () => {
    const call = new PhoneCall(world, MARIA.from);
    await call.dial();
    for (const [, keys] of STEPS) await call.press(keys);
    const junk = await call.say("'; DROP TABLE \"Payment\"; -- <script>", 0.3);
    expect(junk.text).not.toContain('<script>');
    const before = (await world.app.repos.payments.history('acc_4100020002', 100)).filter((p) => p.idempotencyKey.includes(call.callSid));
    expect(before).toHaveLength(0);
    const done = await call.press('1');
    expect(done.text).toMatch(/confirmación es [\d ]{19}/);
  });
});
