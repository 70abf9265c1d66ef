import { engineWorld, Talk, accountId, type EngineWorld } from '../support/engine-harness';

const JORDAN_VIN = '2HGFE2F5XMH512345';
const JORDAN_SSN = '401-22-7788';
const MARIA_VIN = '1FTEW1EP5LFA67890';
const MARIA_SSN = '533-18-2046';

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

async function verifiedJordan(channel: 'chat' | 'voice' = 'chat'): Promise<Talk> {
  const talk = new Talk(world, channel, 'en');
  await talk.start();
  await talk.say('I want to make a payment');
  await talk.say(JORDAN_VIN);
  await talk.say(JORDAN_SSN);
  return talk;
}

describe('verify, then pay (chat, English)', () => {
  it('when Jordan pays $50 toward the Civic from the bank on file, then he gets a confirmation number and the balance drops', async () => {
    const talk = new Talk(world, 'chat', 'en');
    const hello = await talk.start();
    expect(hello.choices).toContain('intent:make_payment');

    const askRef = await talk.say('I want to make a payment');
    expect(askRef.text).toMatch(/verify your identity/i);
    expect(askRef.text).toMatch(/VIN/);

    const askSsn = await talk.say(JORDAN_VIN);
    expect(askSsn.text).toMatch(/Social Security number or Tax ID/);
    expect(askSsn.output.expect).toMatchObject({ kind: 'digits', sensitive: true });

    const pick = await talk.say(JORDAN_SSN);
    expect(pick.text).toMatch(/Thank you, Jordan/);
    expect(pick.text).toMatch(/Which vehicle/);
    const civic = await accountId(world, '4100020001');
    expect(pick.choices).toEqual(expect.arrayContaining([civic, await accountId(world, '4100020005')]));

    const amountChoice = await talk.click(civic);
    expect(amountChoice.text).toMatch(/\$412\.36 due/);
    expect(amountChoice.choices).toEqual(['due', 'other', 'principal']);

    await talk.click('other');
    const dateChoice = await talk.say('$50');
    expect(dateChoice.choices).toEqual(['today', 'later']);

    const funding = await talk.click('today');
    expect(funding.text).toMatch(/Which bank account/);
    expect(funding.choices).toEqual(['onfile', 'new']);

    const readBack = await talk.click('onfile');
    expect(readBack.text).toMatch(/pay \$50\.00 toward your 2021 Honda Civic \(account ending 0001\)/);
    expect(readBack.text).toMatch(/ending 4321/);
    expect(readBack.output.expect.kind).toBe('yes-no');

    const done = await talk.click('yes');
    expect(done.output.receipt).toMatchObject({ amountCents: 5000, accountLast4: '0001', fundingLast4: '4321' });
    expect(done.output.receipt!.confirmationNumber).toMatch(/^\d{10}$/);
    expect(done.text).toContain(done.output.receipt!.confirmationNumber);

    const history = await world.repos.payments.history(civic, 10);
    expect(history[0]).toMatchObject({ amountCents: 5000, status: 'posted', channel: 'chat', method: 'bank_on_file' });
    const account = await world.repos.accounts.byId(civic);
    expect(account!.amountDueCents).toBe(41236 - 5000);
  });

  it('when Jordan pays with a new bank account, then only its last four are ever shown', async () => {
    const talk = await verifiedJordan();
    await talk.click(await accountId(world, '4100020001'));
    await talk.click('due');
    await talk.click('today');
    await talk.click('new');
    const askAccount = await talk.say('021000021');
    expect(askAccount.output.expect).toMatchObject({ kind: 'digits', sensitive: true });
    // Taken as checking unless the customer says otherwise, and said in the read-back.
    const asChecking = await talk.say('987654321098');
    expect(asChecking.text).toMatch(/ending 1098 as a checking account/);
    expect(asChecking.choices).toEqual(['yes', 'no']);
    const readBack = await talk.say('savings');
    expect(readBack.text).toMatch(/ending 1098 as a savings account/);
    const done = await talk.say('yes');
    expect(done.output.receipt!.fundingLast4).toBe('1098');
    // The ACH debit names the kind of account it comes from.
    const [paid] = await world.repos.payments.history(await accountId(world, '4100020001'), 1);
    expect(paid).toMatchObject({ method: 'bank_new', bankAccountType: 'savings', bankAccountLast4: '1098' });
    for (const line of talk.transcript) {
      expect(line).not.toContain('987654321098');
      expect(line).not.toMatch(/401-?22-?7788/);
    }
    const state = JSON.stringify((await world.repos.sessions.load(talk.sessionId))!.state);
    expect(state).not.toContain('987654321098');
    expect(state).not.toContain('401227788');
  });

  it('when the customer says no at the read-back, then nothing is paid', async () => {
    const talk = await verifiedJordan();
    const civic = await accountId(world, '4100020001');
    await talk.click(civic);
    await talk.click('due');
    await talk.click('today');
    await talk.click('onfile');
    const reply = await talk.say('no');
    expect(reply.text).toMatch(/did not submit/);
    expect((await world.repos.payments.history(civic, 10)).filter((p) => p.idempotencyKey.startsWith('pay:'))).toHaveLength(0);
  });

  it('when a payment is scheduled for a later date, then it is scheduled, not posted', async () => {
    const talk = await verifiedJordan();
    const civic = await accountId(world, '4100020001');
    await talk.click(civic);
    await talk.click('due');
    await talk.click('later');
    const funding = await talk.say('March 20');
    expect(funding.text).toMatch(/Which bank account/);
    await talk.click('onfile');
    const done = await talk.click('yes');
    expect(done.output.receipt!.scheduledFor).toBe('2025-03-20');
    expect(done.text).toMatch(/scheduled for Thursday, March 20/);
    const [latest] = await world.repos.payments.history(civic, 1);
    expect(latest).toMatchObject({ status: 'scheduled', scheduledFor: '2025-03-20' });
  });
});

describe('verify, then pay (chat, Spanish)', () => {
  it('cuando María paga el monto adeudado de su F-150, recibe un número de confirmación en español', async () => {
    const talk = new Talk(world, 'chat', 'es');
    const hola = await talk.start();
    expect(hola.output.locale).toBe('es');
    const askRef = await talk.say('quiero hacer un pago');
    expect(askRef.text).toMatch(/VIN/);
    await talk.say(MARIA_VIN);
    const amount = await talk.say(MARIA_SSN);
    // One vehicle: no need to choose.
    expect(amount.text).toMatch(/María|Maria/);
    expect(amount.text).toMatch(/\$1,178\.20/);
    expect(amount.choices).toEqual(['due', 'other', 'principal']);
    await talk.click('due');
    const fundingOrRouting = await talk.say('hoy');
    // María has no bank on file: she is asked for a routing number.
    expect(fundingOrRouting.output.expect).toMatchObject({ kind: 'digits', min: 9, max: 9 });
    await talk.say('021000021');
    const readBack = await talk.say('123456789');
    expect(readBack.text).toMatch(/termina en 6789 como cuenta de cheques/);
    const done = await talk.say('sí');
    expect(done.output.locale).toBe('es');
    expect(done.output.receipt!.amountCents).toBe(117820);
    expect(done.text).toMatch(/confirmación/);
    expect(done.text).not.toContain('123456789');
  });
});

describe('verify, then pay (voice)', () => {
  it('when Jordan calls from his mobile and pays by keypad, then the confirmation number is read digit by digit', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    const welcome = await talk.start();
    // A known caller skips the language menu.
    expect(welcome.output.locale).toBe('en');
    expect(welcome.text).toMatch(/press 1/);
    const askRef = await talk.press('1');
    expect(askRef.text).toMatch(/10-digit account number/);
    expect(askRef.output.expect).toMatchObject({ kind: 'digits', finishOnKey: '#' });
    await talk.press('4100020001');
    const pick = await talk.press('401227788');
    expect(pick.text).toMatch(/For the 2021 Honda Civic, account ending 0 0 0 1, press 1\. For the 2019 Jeep Grand Cherokee, account ending 0 0 0 5, press 2\./);
    const amountChoice = await talk.press('1');
    expect(amountChoice.text).toMatch(/412 dollars and 36 cents/);
    const amount = await talk.press('2');
    expect(amount.output.expect.kind).toBe('amount');
    const dateChoice = await talk.press('75*50');
    expect(dateChoice.text).toMatch(/today, press 1/);
    await talk.press('1');
    const readBack = await talk.press('1');
    expect(readBack.text).toMatch(/75 dollars and 50 cents/);
    expect(readBack.text).toMatch(/ending 4 3 2 1/);
    const done = await talk.press('1');
    const conf = done.output.receipt!.confirmationNumber;
    expect(done.text).toContain(conf.split('').join(' '));
    expect(done.text).toMatch(/anything else.*press 9 to hear the menu/);
    const menu = await talk.press('9');
    expect(menu.text).toMatch(/To make a payment, press 1/);
  });

  it('cuando una persona desconocida llama, primero elige el idioma y luego continúa en español', async () => {
    const talk = new Talk(world, 'voice', null, '+15555550100');
    const menu = await talk.start();
    expect(menu.text).toMatch(/For English, press 1\. Para español, oprima 2/);
    const spanish = await talk.press('2');
    expect(spanish.output.locale).toBe('es');
    expect(spanish.text).toMatch(/oprima/i);
    const askRef = await talk.press('1');
    expect(askRef.output.locale).toBe('es');
    await talk.press('4100020002');
    const verified = await talk.press('533182046');
    expect(verified.text).toMatch(/1,178 dólares con 20 centavos/);
  });
});

describe('a reference typed before anything was asked', () => {
  it('when Jordan opens with his VIN, then verification starts with it and, once verified, he is offered the menu', async () => {
    const talk = new Talk(world, 'chat', 'en');
    await talk.start();
    const askSsn = await talk.say(JORDAN_VIN);
    expect(askSsn.text).toMatch(/Before I look up that vehicle/);
    expect(askSsn.output.expect).toMatchObject({ kind: 'digits', sensitive: true });
    const verified = await talk.say(JORDAN_SSN);
    expect(verified.text).toMatch(/Thank you, Jordan/);
    expect(verified.choices).toContain('intent:make_payment');
  });

  it('when María opens with a VIN that has a wrong check digit, then she is told why in Spanish and asked for it again', async () => {
    const talk = new Talk(world, 'chat', 'es');
    await talk.start();
    const again = await talk.say('1FTEW1EP5LFA67891');
    expect(again.text).toMatch(/Antes de consultar ese vehículo/);
    expect(again.text).toMatch(/mal escrito/);
    expect(again.output.expect).not.toMatchObject({ sensitive: true });
    const askSsn = await talk.say(MARIA_VIN);
    expect(askSsn.text).toMatch(/Seguro Social/);
  });

  it('when a caller keys ten digits at the phone menu, then it is not taken as an account number', async () => {
    const talk = new Talk(world, 'voice', 'en');
    await talk.start();
    const reply = await talk.press('4100020001');
    expect(reply.text).not.toMatch(/Before I look up that vehicle/);
  });
});
