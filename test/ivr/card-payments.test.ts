import { PhoneCall, startIvrWorld, type IvrWorld } from './harness';

/**
 * Card payments on the phone line through Twilio's `<Pay>`, played the way
 * Twilio plays it (keypad entries, progress to the statusCallback, the result
 * signed to the action URL): the card number stays with the caller's keypad
 * and the payment connector.
 */

const JORDAN = '+17045550101';
const MARIA = '+13055550122';
const CIVIC = 'acc_4100020001';
const F150 = 'acc_4100020002';
const VISA = '4111111111111111';
const DECLINED = '4000000000000002';
const PROCESSOR_FAILS = '4000000000000119';
const CARD = [VISA, '1230', '123', '28202'];

let world: IvrWorld;
beforeAll(async () => {
  world = await startIvrWorld({ TWILIO_PAY_CONNECTOR: 'Default' });
});
afterAll(async () => {
  await world?.close();
});

async function paymentsOfCall(accountId: string, call: PhoneCall) {
  return (await world.app.repos.payments.history(accountId, 100)).filter((p) => p.idempotencyKey.includes(call.callSid));
}

/** Jordan calls, verifies, picks the Civic and asks to pay `amount` (keypad) today; he hears the ways to pay. */
async function jordanAtFunding(amountKeys: string) {
  const call = new PhoneCall(world, JORDAN);
  await call.dial();
  await call.press('1');
  await call.press('4100020001');
  await call.press('401227788');
  await call.press('1'); // the Civic
  await call.press('2'); // another amount
  await call.press(amountKeys);
  const funding = await call.press('1'); // today
  return { call, funding };
}

describe('paying by card on the phone', () => {
  it('when Jordan pays by card, then he hears that we charge no fee before the card is taken, Twilio is asked for the card with the amount, and the payment is recorded with the card brand and last 4 only', async () => {
    const { call, funding } = await jordanAtFunding('41*11');
    expect(funding.text).toMatch(/bank account on file ending in 4 3 2 1, press 1\. To use a different bank account, press 2\. To pay by debit or credit card, press 3\./);

    // The read-back is said as the secure card entry starts: keying the card in is the yes.
    const capture = await call.press('3');
    expect(capture.text).toMatch(/no fee from us for a card payment/);
    expect(capture.text).toMatch(/4 dollar fee for phone payments through ACI Payments/);
    expect(capture.text).toMatch(/CheckFreePay/);
    expect(capture.text).toMatch(/41 dollars and 11 cents today toward your 2021 Honda Civic, account ending 0 0 0 1, with a debit or credit card\. Entering your card on the keypad makes this payment\./);
    expect(capture.text).toMatch(/never hear or keep it.*To stop, press star/);
    expect(capture.gather).toBeNull();
    expect(capture.pay).toMatchObject({
      paymentConnector: 'Default',
      paymentMethod: 'credit-card',
      chargeAmount: '41.11',
      currency: 'usd',
      postalCode: 'true',
      securityCode: 'true',
      validCardTypes: 'visa mastercard amex discover',
      language: 'en-US',
      statusCallback: `${world.base}/voice/pay-status`,
    });
    expect(capture.pay!.action).toMatch(new RegExp(`^${world.base}/voice/pay\\?`));

    const done = await call.enterCard(CARD);
    expect(done.payPrompts.map((p) => p.for)).toEqual(['payment-card-number', 'expiration-date', 'security-code', 'postal-code']);
    expect(done.text).toMatch(/card payment of 41 dollars and 11 cents on the card ending 1 1 1 1 is made for today/);
    const spoken = /confirmation number is ((?:\d ){9}\d)\./.exec(done.text);
    expect(spoken).not.toBeNull();

    const payments = await paymentsOfCall(CIVIC, call);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      amountCents: 4111,
      method: 'card',
      status: 'posted',
      cardBrand: 'visa',
      cardLast4: '1111',
      cardExpiry: '1230',
      bankAccountLast4: null,
      bankAccountToken: null,
    });
    expect(payments[0]!.cardToken).toMatch(/^tok_sim_/);
    expect(spoken![1]!.replace(/ /g, '')).toBe(payments[0]!.confirmationNumber);

    const history = await call.say('payment history');
    expect(history.text).toMatch(/41 dollars and 11 cents on .*, posted, card ending 1 1 1 1/);
  });

  it('when María pays the F-150 by card in Spanish, then the card is asked for in Spanish and the payment is made', async () => {
    const call = new PhoneCall(world, MARIA);
    const welcome = await call.dial();
    expect(welcome.says[0]!.language).toBe('es-US');
    await call.press('1');
    await call.press('4100020002');
    await call.press('533182046');
    await call.press('2'); // otra cantidad
    await call.press('20*00');
    const funding = await call.press('1'); // hoy
    // No bank account on file: the options offered are numbered 1 and 2.
    expect(funding.text).toMatch(/Para usar otra cuenta bancaria, oprima 1\. Para pagar con tarjeta de débito o crédito, oprima 2\./);
    const capture = await call.press('2');
    expect(capture.text).toMatch(/Nosotros no cobramos ningún cargo por un pago con tarjeta/);
    expect(capture.text).toMatch(/20 dólares hoy para su 2020 Ford F-150.*Al marcar su tarjeta en el teclado, el pago se realiza\./);
    expect(capture.pay).toMatchObject({ language: 'es-US', chargeAmount: '20.00' });
    const done = await call.enterCard(['5555555555554444', '0631', '321', '33101']);
    expect(done.payPrompts[0]!.text).toMatch(/marque el número de su tarjeta/);
    expect(done.text).toMatch(/pago con tarjeta de 20 dólares con la tarjeta que termina en 4 4 4 4/);
    expect(await paymentsOfCall(F150, call)).toEqual([expect.objectContaining({ method: 'card', cardBrand: 'mastercard', cardLast4: '4444', amountCents: 2000 })]);
  });

  it('when María asks at the ways to pay whether a card costs anything, then she is answered and asked again, and no card entry starts', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    for (const keys of ['1', '4100020002', '533182046', '2', '21*00', '1']) await call.press(keys);
    const answered = await call.say('oiga y me cobran algo por pagar con tarjeta');
    expect(answered.pay).toBeNull();
    expect(answered.text).toMatch(/^Nosotros no cobramos ningún cargo por un pago con tarjeta en esta línea\./);
    expect(answered.text).toMatch(/Para pagar con tarjeta de débito o crédito, oprima 2\./);
    expect(answered.text).not.toMatch(/Este es su pago/);
    const capture = await call.press('2');
    expect(capture.pay).toMatchObject({ chargeAmount: '21.00' });
  });

  it('when Jordan asks to pay his Civic with a debit card, then once verified and the amount said, the card entry starts for today, read back, without asking the day or the way to pay', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    const asked = await call.say('pay my civic with a debit card');
    expect(asked.text).toMatch(/verify your identity/);
    expect(asked.text).not.toMatch(/no fee from us/);
    await call.press('4100020001');
    const amount = await call.press('401227788');
    expect(amount.text).toMatch(/To pay the amount due, press 1/);
    const capture = await call.say('forty two dollars and twelve cents');
    expect(capture.text).toMatch(/42 dollars and 12 cents today toward your 2021 Honda Civic/);
    expect(capture.pay).toMatchObject({ chargeAmount: '42.12' });
    const done = await call.enterCard(CARD);
    expect(done.text).toMatch(/card payment of 42 dollars and 12 cents/);
    expect(await paymentsOfCall(CIVIC, call)).toEqual([expect.objectContaining({ method: 'card', amountCents: 4212 })]);
  });

  it('when María says "con tarjeta de débito" where the day is asked, then the card entry starts for today, read back', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    for (const keys of ['1', '4100020002', '533182046', '2']) await call.press(keys);
    const when = await call.say('quinientos ochenta y nueve con diez');
    expect(when.text).toMatch(/Para hacer el pago hoy, oprima 1/);
    const capture = await call.say('con tarjeta de débito');
    expect(capture.text).toMatch(/589 dólares con 10 centavos hoy para su 2020 Ford F-150/);
    expect(capture.pay).toMatchObject({ chargeAmount: '589.10', language: 'es-US' });
  });

  it('when María asks "¿puedo pagar con tarjeta?" at the first question, then it is answered, and no payment starts', async () => {
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    const answered = await call.say('¿puedo pagar con tarjeta?');
    expect(answered.text).toMatch(/Nosotros no cobramos ningún cargo por un pago con tarjeta en esta línea/);
    expect(answered.text).not.toMatch(/verificar su identidad/);
  });

  it('when the card is declined, then Jordan hears so, nothing is recorded, and he is offered the ways to pay again', async () => {
    const { call } = await jordanAtFunding('12*00');
    await call.press('3');
    const after = await call.enterCard([DECLINED, '1230', '123', '28202']);
    expect(after.text).toMatch(/Your card was declined, so no payment was made/);
    expect(after.text).toMatch(/To pay by debit or credit card, press 3/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);

    // Another card goes through.
    await call.press('3');
    const done = await call.enterCard(CARD);
    expect(done.text).toMatch(/card ending 1 1 1 1 is made for today/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(1);
  });

  it('when the payment processor fails, then Jordan hears that nothing was charged and can pay from his bank instead', async () => {
    const { call } = await jordanAtFunding('13*00');
    await call.press('3');
    const after = await call.enterCard([PROCESSOR_FAILS, '1230', '123', '28202']);
    expect(after.text).toMatch(/card processor couldn't complete the payment, so nothing was charged/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);
    const readBack = await call.press('1'); // the bank on file
    expect(readBack.text).toMatch(/from the bank account ending 4 3 2 1/);
  });

  it('when the card number is wrong three times, then Twilio gives up, Jordan hears that nothing was charged, and nothing is recorded', async () => {
    const { call } = await jordanAtFunding('14*00');
    await call.press('3');
    const after = await call.enterCard(['4111111111111112', '1234', '4111']);
    expect(after.payPrompts.map((p) => p.attempt)).toEqual([1, 2, 3]);
    expect(after.text).toMatch(/couldn't be read after several tries, so nothing was charged/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);
  });

  it('when Jordan presses star during the card entry, then it stops and nothing is charged', async () => {
    const { call } = await jordanAtFunding('15*00');
    await call.press('3');
    const after = await call.enterCard([VISA, '*']);
    expect(after.text).toMatch(/stopped the card entry\. Nothing was charged/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);
  });

  it('when Jordan hangs up in the middle of the card entry, then nothing is charged and the call is over', async () => {
    const { call } = await jordanAtFunding('16*00');
    await call.press('3');
    const after = await call.enterCard([VISA, '1230', null]);
    expect(after.hangup).toBe(true);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);
    const session = await world.app.repos.sessions.load(`voice:${call.callSid}`);
    expect((session?.state as { verified?: unknown } | undefined)?.verified ?? null).toBeNull();
  });

  it('when Jordan keys his card number straight after choosing a card, then it goes to the secure card entry, never to this server, and the payment is made', async () => {
    const { call } = await jordanAtFunding('12*34');
    const capture = await call.press('3');
    expect(capture.gather).toBeNull();
    expect(capture.pay).toMatchObject({ paymentConnector: 'Default', chargeAmount: '12.34' });
    const done = await call.enterCard(CARD);
    expect(done.text).toMatch(/card ending 1 1 1 1/);
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(1);
  });

  it('when Jordan already paid the same amount by card today, then he is asked before the card is taken, and a no takes nothing', async () => {
    const first = await jordanAtFunding('19*99');
    await first.call.press('3');
    await first.call.enterCard(CARD);
    const { call } = await jordanAtFunding('19*99');
    const asked = await call.press('3');
    expect(asked.text).toMatch(/You already paid 19 dollars and 99 cents today/);
    expect(asked.pay).toBeNull();
    const no = await call.press('2');
    expect(no.pay).toBeNull();
    expect(await paymentsOfCall(CIVIC, call)).toHaveLength(0);
  });

  it('when a payment is for a later date, then no card is offered, since a card is charged at once', async () => {
    const call = new PhoneCall(world, JORDAN);
    await call.dial();
    await call.press('1');
    await call.press('4100020001');
    await call.press('401227788');
    await call.press('1');
    await call.press('2');
    await call.press('17*00');
    await call.press('2'); // another date
    const tomorrow = new Date(Date.now() + 2 * 86_400_000);
    const mmdd = `${String(tomorrow.getUTCMonth() + 1).padStart(2, '0')}${String(tomorrow.getUTCDate()).padStart(2, '0')}`;
    const funding = await call.press(mmdd);
    expect(funding.text).toMatch(/To use a different bank account, press 2\./);
    expect(funding.text).not.toMatch(/card/);
  });
});

describe('a phone line without a payment connector', () => {
  let plain: IvrWorld;
  beforeAll(async () => {
    plain = await startIvrWorld();
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('when no payment connector is configured, then the card option is not offered and 3 picks nothing', async () => {
    const call = new PhoneCall(plain, JORDAN);
    await call.dial();
    await call.press('1');
    await call.press('4100020001');
    await call.press('401227788');
    await call.press('1');
    await call.press('2');
    await call.press('18*00');
    const funding = await call.press('1');
    expect(funding.text).not.toMatch(/card/i);
    const again = await call.press('3');
    expect(again.text).toMatch(/To use the bank account on file/);
    expect(again.pay).toBeNull();
  });
});
