import { engineWorld, Talk, accountId, talkThrough, type EngineWorld, type Reply } from '../support/engine-harness';
import { JORDAN_SSN, CIVIC, JEEP, MARIA_SSN, F150, BLUE_RIDGE_EIN, TACOMA } from '../support/demo-customers';

/**
 * Answers that carry more than what was asked: the day and the bank said with
 * the amount, the bank named by its last four, a day that cannot be taken
 * said with the amount or in the request, the SSN typed beside the account
 * number, a routing number put right with "perdón, es…", a question opened
 * with "before I do that", and the bank said with a refused Auto Pay day.
 * Through the engine, with no channel involved.
 */

let world: EngineWorld;
beforeEach(async () => {
  world = await engineWorld();
});

function chat(locale: 'en' | 'es', ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  return talkThrough(world, new Talk(world, 'chat', locale), ...lines);
}

async function paymentsOn(accountNumber: string) {
  return world.repos.payments.history(await accountId(world, accountNumber), 50);
}

describe('the day and the bank said with the amount', () => {
  it('(en) "150 tomorrow, take it from the acct ending 4321" where the day is asked goes to the read-back from the bank on file', async () => {
    const { reply } = await chat('en', 'hey i need to pay 150 on my civic', CIVIC, JORDAN_SSN, '150 tomorrow, take it from the acct ending 4321');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/pay \$150\.00 toward your 2021 Honda Civic .* from the bank account ending 4321/);
  });

  it('(es) "trescientos cincuenta y seis con noventa, mañana, de la cuenta que termina en 4321" where the amount is asked goes to the read-back', async () => {
    const { talk, reply } = await chat('es', 'quiero pagar el jeep', JEEP, JORDAN_SSN, 'trescientos cincuenta y seis con noventa, mañana, de la cuenta que termina en 4321');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/pago de \$356\.90 para su 2019 Jeep Grand Cherokee .* desde la cuenta bancaria que termina en 4321/);
    await talk.say('sí');
    const made = await paymentsOn(JEEP);
    expect(made[0]).toMatchObject({ amountCents: 35690, scheduledFor: '2025-03-11' });
  });

  it('(en) "tmrw" in the request is tomorrow: after verifying, only the bank is asked', async () => {
    const { reply } = await chat('en', 'hey i need to pay 150 on my civic tmrw', CIVIC, JORDAN_SSN);
    expect(reply.output.prompt).toBe('bank.funding');
  });

  it('(es) "los 589.10 atrasados, hoy" takes the amount and the day, and asks how to pay', async () => {
    const { reply } = await chat('es', 'quiero pagar la troca', F150, MARIA_SSN, 'los 589.10 atrasados, hoy');
    expect(reply.output.prompt).toBe('bank.routing');
  });

  it('(en) the bank said with a new amount ("oops I meant 412.36, today") is kept with it', async () => {
    const { reply } = await chat('en', 'pay the civic', CIVIC, JORDAN_SSN, '412360', 'oops i meant 412.36, today, from the bank on file');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/pay \$412\.36 .* today|pay \$412\.36 .* from the bank account ending 4321/);
  });
});

describe('a day that cannot be taken, said before the day is asked', () => {
  it('(en) "356.90 dated yesterday, bank on file" keeps the amount, says why yesterday cannot be used, and asks the day', async () => {
    const { talk, reply } = await chat('en', 'pay the jeep', JEEP, JORDAN_SSN, '356.90 dated yesterday, bank on file');
    expect(reply.text).toMatch(/is in the past/);
    expect(reply.output.prompt).toBe('pay.date');
    const readBack = await talk.say('today');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/\$356\.90 .* from the bank account ending 4321/);
  });

  it('(es) "trescientos cincuenta y seis con noventa, con fecha de ayer" keeps the amount and says why ayer cannot be used', async () => {
    const { reply } = await chat('es', 'quiero pagar el jeep', JEEP, JORDAN_SSN, 'trescientos cincuenta y seis con noventa, con fecha de ayer');
    expect(reply.text).toMatch(/es una fecha pasada/);
    expect(reply.output.prompt).toBe('pay.date');
  });

  it('(es) "con fecha de ayer" in the request is refused with its reason once verified, and the day is asked', async () => {
    const { reply } = await chat('es', 'quiero pagar 589.10 de la f-150 con fecha de ayer', F150, MARIA_SSN);
    expect(reply.text).toMatch(/es una fecha pasada/);
    expect(reply.output.prompt).toBe('pay.dateChoice');
  });

  it('(en) "dated yesterday" in the request is refused with its reason once verified', async () => {
    const { reply } = await chat('en', 'pay 356.90 on the jeep and date it yesterday', JEEP, JORDAN_SSN);
    expect(reply.text).toMatch(/is in the past/);
  });
});

describe('the SSN typed beside the account number', () => {
  it('(en) "4100020001 ssn 401-22-7788" verifies at once', async () => {
    const { reply } = await chat('en', 'i want to pay the civic', '4100020001 ssn 401-22-7788');
    expect(reply.text).toMatch(/Thank you, Jordan\. You're verified\./);
    expect(reply.text).not.toMatch(/401/);
  });

  it('(es) "mi cuenta es 4100020002 y mi seguro social 533 18 2046" verifies at once', async () => {
    const { reply } = await chat('es', 'quiero pagar', 'mi cuenta es 4100020002 y mi seguro social 533 18 2046');
    expect(reply.text).toMatch(/Gracias, María\. Su identidad quedó verificada\./);
  });

  it('(en) an SSN beside it with a digit missing is refused with its reason and the SSN is asked', async () => {
    const { reply } = await chat('en', 'pay', '4100020001 ssn 401-22-778');
    expect(reply.output.prompt).toBe('verify.taxId');
    expect(reply.text).not.toMatch(/You're verified/);
  });
});

describe('a routing number put right', () => {
  it('(es) "perdón es 021000021" at the routing number is that number, not a new amount', async () => {
    const { talk } = await chat('es', 'quiero pagar la troca', F150, MARIA_SSN, '589.10', 'hoy');
    const bad = await talk.say('021000022');
    expect(bad.output.prompt).toBe('bank.routing');
    const fixed = await talk.say('perdon es 021000021');
    expect(fixed.output.prompt).toBe('bank.bankAccount');
  });

  it('(en) "sorry, it\'s 021000021" at the routing number is that number', async () => {
    const { talk } = await chat('en', 'pay the civic', CIVIC, JORDAN_SSN, '100', 'today', 'a new account');
    await talk.say('021000022');
    const fixed = await talk.say("sorry, it's 021000021");
    expect(fixed.output.prompt).toBe('bank.bankAccount');
  });
});

describe('a question opened with "before I do that" at a yes-or-no question', () => {
  it('(en) is answered, and the cancellation is asked again', async () => {
    const { reply } = await chat('en', 'we need to stop the automatic payments on our tacoma lease', TACOMA, BLUE_RIDGE_EIN, 'before i do that, if we pay at western union instead do u charge a fee?');
    expect(reply.text).toMatch(/Western Union/);
    expect(reply.output.prompt).toBe('autopay_cancel.confirm');
  });

  it('(es) is answered, and the cancellation is asked again', async () => {
    const { reply } = await chat('es', 'quiero cancelar el pago automatico de la tacoma', TACOMA, BLUE_RIDGE_EIN, 'antes de eso, si pago en western union me cobran algo?');
    expect(reply.text).toMatch(/Western Union/);
    expect(reply.output.prompt).toBe('autopay_cancel.confirm');
  });
});

describe('Auto Pay: the bank said with a day that is refused', () => {
  it('(en) "the 31st pls, out of my checking ending 4321", then "the 10th", goes to the read-back from the bank on file', async () => {
    const { talk, reply } = await chat('en', 'i want to sign up for autopay on the civic', CIVIC, JORDAN_SSN, 'the 31st pls, out of my checking ending 4321');
    expect(reply.output.prompt).toBe('autopay_enroll.day');
    const readBack = await talk.say('ugh ok the 10th then');
    expect(readBack.output.prompt).toBe('autopay_enroll.confirm');
    expect(readBack.text).toMatch(/4321/);
  });

  it('(es) "el 31, de la cuenta que termina en 4321", then "el 10", goes to the read-back from the bank on file', async () => {
    const { talk } = await chat('es', 'quiero inscribir el civic en pago automatico', CIVIC, JORDAN_SSN, 'el 31, de la cuenta que termina en 4321');
    const readBack = await talk.say('bueno, el 10');
    expect(readBack.output.prompt).toBe('autopay_enroll.confirm');
    expect(readBack.text).toMatch(/4321/);
  });

  it('(es) "quiero poner el pago automatico para mi f150" is signing up, not cancelling', async () => {
    const { reply } = await chat('es', 'quiero poner el pago automatico para mi f150', F150, MARIA_SSN);
    expect(reply.output.prompt).toBe('autopay_enroll.day');
  });
});

describe('found on the seventh set', () => {
  it('(es voice) an amount said as money with the day ("quinientos ochenta y nueve con diez, lo atrasado, para hoy mismo") replaces the one taken from the request', async () => {
    const talk = new Talk(world, 'voice', null, '+13055550122');
    await talk.start();
    await talk.press('9');
    await talk.say('este si buenas quiero pagar lo que debo de la troca');
    await talk.press(F150);
    const when = await talk.press(MARIA_SSN);
    expect(when.output.prompt).toBe('pay.dateChoice');
    const next = await talk.say('quinientos ochenta y nueve con diez lo que esta atrasado para hoy mismo');
    expect(next.text).toMatch(/589 dólares con 10 centavos en su lugar/);
    expect(next.output.prompt).toBe('bank.routing');
  });

  it('(en chat) "$200.00 tomorrow" where the day is asked after a request for the amount due replaces it', async () => {
    const { reply } = await chat('en', 'pay the amount due on the jeep', JEEP, JORDAN_SSN, '$200.00 tomorrow');
    expect(reply.text).toMatch(/\$200\.00 instead/);
    expect(reply.output.prompt).toBe('bank.funding');
  });

  it('(en chat) "the 15th" where the day is asked stays a day, never an amount', async () => {
    const { reply } = await chat('en', 'pay the amount due on the jeep', JEEP, JORDAN_SSN, 'the 15th');
    expect(reply.text).not.toMatch(/instead/);
    expect(reply.output.prompt).toBe('bank.funding');
  });

  it('(es voice) the bank on file named in a long answer while the amount is asked ("de la cuenta que ya tienen la que termina en cuatro tres dos uno") is kept', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    await talk.start();
    await talk.press('9');
    await talk.say('quiero hacer un pago');
    await talk.press(JEEP);
    await talk.press(JORDAN_SSN);
    await talk.press('2'); // the Jeep
    const kept = await talk.say('de la cuenta que ya tienen la que termina en cuatro tres dos uno');
    expect(kept.text).toMatch(/lo tomo en cuenta/);
    await talk.press('1');
    const readBack = await talk.press('1');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/4 3 2 1/);
  });

  it('(en chat) "yes" at the ways to pay takes the bank on file', async () => {
    const { reply } = await chat('en', 'i want to sign up for autopay on the jeep', JEEP, JORDAN_SSN, 'the 10th', 'yes');
    expect(reply.output.prompt).toBe('autopay_enroll.confirm');
    expect(reply.text).toMatch(/4321/);
  });

  it('(es chat) "sí" at the ways to pay takes the bank on file', async () => {
    const { reply } = await chat('es', 'quiero pagar el jeep', JEEP, JORDAN_SSN, '100', 'mañana', 'sí');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/4321/);
  });

  it('(es chat) "no me alcanza… mejor nomás quiero abonar 600" after a payoff quote starts a payment of $600, not a hardship handoff', async () => {
    const { reply } = await chat('es', 'cuanto me falta para liquidar la troca', F150, MARIA_SSN, 'uy no, no me alcanza la lana. mejor nomas quiero abonar 600');
    expect(reply.output.prompt).toBe('pay.dateChoice');
    expect(reply.text).not.toMatch(/representante/);
  });

  it('(es chat) Spanglish: "quiero hacer el payment de mi troca" is a payment, and "mi balance" the amount due', async () => {
    const { reply } = await chat('es', 'hola buenas tardes, quiero hacer el payment de mi troca q ya se me paso la fecha');
    expect(reply.output.prompt).toBe('verify.reference');
    expect(reply.text).toMatch(/su pago/);
    const { reply: balance } = await chat('es', 'cual es mi balance');
    expect(balance.text).toMatch(/monto adeudado/);
  });

  it('(en voice) an account number said in two-digit groups ("forty one oh oh oh two oh oh oh one") is taken', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    await talk.start();
    await talk.say('I need to make a payment');
    const next = await talk.say('forty one oh oh oh two oh oh oh one');
    expect(next.output.prompt).toBe('verify.taxId');
  });
});

/** Payments this conversation made (the demo data carries earlier ones). */
async function madeHereOn(accountNumber: string) {
  return (await paymentsOn(accountNumber)).filter((p) => !p.idempotencyKey.startsWith('seed:'));
}

describe('the kind of a new bank account', () => {
  it('(es chat) "sí, es de ahorros, confirmo" at the read-back changes the kind and makes the payment in one answer', async () => {
    const { talk } = await chat('es', 'quiero abonar a la troca', F150, MARIA_SSN, '300', 'pasado mañana', '021000021', '3344556677');
    const done = await talk.say('si, es de ahorros, confirmo');
    expect(done.text).toMatch(/como cuenta de ahorros/);
    expect(done.output.prompt).not.toBe('pay.confirm');
    const made = await madeHereOn(F150);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ amountCents: 30000, bankAccountType: 'savings' });
  });

  it('(en chat) "yes, it\'s a savings account" at the read-back does the same', async () => {
    const { talk } = await chat('en', 'i want to pay my truck', F150, MARIA_SSN, '300', 'tomorrow', '021000021', '3344556677');
    await talk.say("yes, it's a savings account");
    const made = await madeHereOn(F150);
    expect(made).toHaveLength(1);
    expect(made[0]!.bankAccountType).toBe('savings');
  });

  it('(en chat) "savings" alone at the read-back still reads back again, nothing paid', async () => {
    const { talk } = await chat('en', 'i want to pay my truck', F150, MARIA_SSN, '300', 'tomorrow', '021000021', '3344556677');
    const again = await talk.say('savings');
    expect(again.output.prompt).toBe('pay.confirm');
    expect(again.text).toMatch(/as a savings account/);
    expect(await madeHereOn(F150)).toHaveLength(0);
  });

  it('(es chat) "de mi cuenta de ahorros" where the routing number is asked is kept, and the routing number asked again', async () => {
    const { talk, reply } = await chat('es', 'quiero abonar a la troca', F150, MARIA_SSN, '300', 'pasado mañana', 'de mi cuenta de ahorros');
    expect(reply.output.prompt).toBe('bank.routing');
    expect(reply.text).toMatch(/una cuenta de ahorros/);
    await talk.say('021000021');
    const readBack = await talk.say('3344556677');
    expect(readBack.output.prompt).toBe('pay.confirm');
    expect(readBack.text).toMatch(/6677 como cuenta de ahorros/);
  });

  it('(en chat) "it\'s my savings, 021000021" where the routing number is asked takes both', async () => {
    const { reply } = await chat('en', 'i want to pay my truck', F150, MARIA_SSN, '300', 'tomorrow', "it's my savings, 021000021", '3344556677');
    expect(reply.output.prompt).toBe('pay.confirm');
    expect(reply.text).toMatch(/6677 as a savings account/);
  });
});
