import type { TurnOutput } from '../../core/conversation';
import { payReply } from '../../core/conversation/flows/text-message';
import { translator } from '../../core/i18n';
import en from '../../core/i18n/locales/en.json';
import es from '../../core/i18n/locales/es.json';
import { gsm7Length, nonGsm7Characters, SMS_SEGMENT } from '../../ivr';
import { addDays } from '../../core/shared/dates';
import { TODAY } from '../domain/helpers';
import { engineWorld, type EngineWorld } from '../support/engine-harness';

/**
 * Text messages through the engine alone, no channel: each text is a turn of
 * the sender's conversation (`sms` channel, the number as caller id), and its
 * answer is one reply that fits one GSM-7 segment.
 */
const JORDAN = '+17045550101'; // English, opted in, bank on file
const MARIA = '+13055550122'; // Spanish, opted in, no bank on file
const STRANGER = '+15555550199';
const PHONE = '1-888-925-2559';

let world: EngineWorld;
beforeAll(async () => {
  world = await engineWorld();
});

let turn = 0;
const replies: string[] = [];

/** One text from a number, and the reply as the customer reads it (the channel fills in the number to call). */
async function text(from: string, body: string): Promise<{ output: TurnOutput; reply: string }> {
  turn += 1;
  const output = await world.engine.handle({ sessionId: `sms:${from}`, channel: 'sms', locale: null, event: { kind: 'text', text: body }, turnKey: `sms-test:${turn}`, callerId: from });
  const t = translator(world.i18n, output.locale, 'sms');
  const reply = output.messages.map((m) => t({ key: m.key, params: { phone: PHONE, ...m.params } })).join(' ');
  replies.push(reply);
  return { output, reply };
}

async function paymentsBy(channel: string): Promise<number> {
  let n = 0;
  for (const id of ['acc_4100020001', 'acc_4100020002', 'acc_4100020005']) {
    n += (await world.repos.payments.history(id, 100)).filter((p) => p.channel === channel).length;
  }
  return n;
}

describe('questions by text get a short answer in the customer\'s language', () => {
  it.each([
    [JORDAN, 'where do I mail my payment?', 'en', /P\.O\. Box 71119, Charlotte, NC 28272-1119/],
    [MARIA, '¿a dónde envío mi cheque por correo?', 'es', /Envie pagos a Payment Processing Center, P\.O\. Box 71119/],
    [JORDAN, 'can I pay with a debit card?', 'en', /CheckFreePay.*\$3\.75/],
    [MARIA, '¿puedo pagar con tarjeta de débito?', 'es', /CheckFreePay.*\$3\.75/],
    [JORDAN, 'can I pay over the phone?', 'en', /1-888-631-8930.*\$4/],
    [MARIA, '¿puedo pagar por teléfono?', 'es', /1-888-631-8930.*\$4/],
  ] as const)('%s asks "%s" and gets the FAQ\'s short answer in %s', async (from, question, locale, fact) => {
    const { output, reply } = await text(from, question);
    expect(output.locale).toBe(locale);
    expect(reply).toMatch(fact);
    expect(output.expect.kind).toBe('text');
  });

  it('a number we do not know gets the same public answers, but nothing about any account', async () => {
    expect((await text(STRANGER, 'where do I mail my payment?')).reply).toMatch(/P\.O\. Box 71119/);
    const balance = await text(STRANGER, 'how much do I owe?');
    expect(balance.reply).toMatch(/don't recognize this number/);
    expect(balance.reply).not.toMatch(/\$\d/);
  });

  it.each([
    [JORDAN, 'quiero hablar con una persona', 'es', /^Para hablar con una persona, llame al 1-888-925-2559/],
    [MARIA, 'where do I mail my payment?', 'en', /^Mail payments to Payment Processing Center/],
    [MARIA, 'thanks', 'es', /^¡De nada!/],
    [STRANGER, '¿dónde envío mi pago por correo?', 'es', /^Envie pagos a Payment Processing Center/],
    [STRANGER, 'AYUDA', 'es', /^Alertas de pago de vehiculo/],
    [STRANGER, 'HELP', 'en', /^Vehicle account alerts/],
  ] as const)('%s texts "%s": answered in the language it is plainly written in (%s), else in the customer\'s own', async (from, body, locale, answer) => {
    const { output, reply } = await text(from, body);
    expect(output.locale).toBe(locale);
    expect(reply).toMatch(answer);
  });

  it.each([
    [JORDAN, 'how much do I owe?', /^To pay, reply PAY and the code in your reminder\. For your balance or account details, use our web chat or call 1-888-925-2559/],
    [MARIA, '¿cuánto debo?', /^Para pagar, responda PAY y el codigo de su recordatorio\. Para su saldo o detalles, use el chat o llame al 1-888-925-2559/],
  ])('%s asks "%s": a balance needs verifying, which a text cannot do, so the reply says where to get it and names no amount', async (from, question, answer) => {
    const { reply } = await text(from, question);
    expect(reply).toMatch(answer);
    expect(reply).not.toMatch(/\$\d/);
  });
});

describe('PAY with a reminder\'s code', () => {
  /** Issues a reminder for an account's next due date, as the reminder run does, and returns its code. */
  async function reminderCode(customerId: string, accountNumber: string): Promise<string> {
    const account = (await world.repos.accounts.byAccountNumber(accountNumber))!;
    const issued = await world.services.reminders.issue(
      { customerId, accountId: account.id, dueDate: account.nextDueDate ?? addDays(TODAY, 7), amountDueCents: account.amountDueCents },
      world.clock.now(),
    );
    return issued!.code;
  }

  it('when Jordan replies PAY with his Civic reminder\'s code, then the Civic is paid once from his bank on file, and the same text again pays nothing', async () => {
    const code = await reminderCode('cus_jordan_avery', '4100020001');
    const before = await paymentsBy('sms');
    const paid = await text(JORDAN, `PAY ${code}`);
    expect(paid.reply).toMatch(/^Paid \$412\.36 on your 2021 Honda Civic \(acct ending 0001\) .+ from bank ending 4321\. Confirmation \d+/);
    expect(await paymentsBy('sms')).toBe(before + 1);
    const again = await text(JORDAN, `pay ${code}`);
    expect(again.reply).toMatch(/^You already paid \$412\.36/);
    expect(await paymentsBy('sms')).toBe(before + 1);
  });

  it('when María (no bank on file) replies PAGAR with a code, then she is told in Spanish that a text cannot pay without one, and nothing is paid', async () => {
    const code = await reminderCode('cus_maria_lopez', '4100020002');
    const before = await paymentsBy('sms');
    const r = await text(MARIA, `PAGAR ${code}`);
    expect(r.output.locale).toBe('es');
    expect(r.reply).toMatch(/^No hay una cuenta bancaria registrada/);
    expect(await paymentsBy('sms')).toBe(before);
  });

  it('when a wrong code comes, then only directions come back, naming nothing of the account', async () => {
    const code = await reminderCode('cus_jordan_avery', '4100020005');
    const r = await text(JORDAN, `PAY ${String((Number(code) + 1) % 10_000).padStart(4, '0')}`);
    expect(r.reply).toMatch(/^To pay by text, reply PAY and the code in your latest payment reminder/);
    expect(r.reply).not.toMatch(/\$\d|Jeep|Civic|4321/);
  });
});

describe('PAY with an amount', () => {
  it.each([
    [JORDAN, 'PAY 100', /^A text pays only the amount due in your reminder: reply PAY and its 4-digit code\. To pay another amount/],
    [JORDAN, 'pay $250.50', /^A text pays only the amount due in your reminder/],
    [JORDAN, 'I want to pay $100', /^A text pays only the amount due in your reminder/],
    [MARIA, 'PAGAR 100', /^Por texto solo se paga el monto de su recordatorio: responda PAY y su codigo de 4 digitos/],
  ])('%s texts "%s": told plainly that a text pays the amount due, and nothing is paid', async (from, body, answer) => {
    const before = await paymentsBy('sms');
    const { output, reply } = await text(from, body);
    expect(reply).toMatch(answer);
    expect(output.intent).toBe('make_payment');
    expect(await paymentsBy('sms')).toBe(before);
  });

  it('tells a reminder\'s code from an amount by its length; a PAY followed by words is no PAY reply', () => {
    expect(payReply('PAY 4821')).toEqual({ kind: 'code', code: '4821' });
    expect(payReply(' pay #4821. ')).toEqual({ kind: 'code', code: '4821' });
    expect(payReply('PAGAR')).toEqual({ kind: 'code', code: null });
    expect(payReply('PAY 100')).toEqual({ kind: 'amount' });
    expect(payReply('pay 1,250.00 dollars')).toEqual({ kind: 'amount' });
    expect(payReply('PAGO $300')).toEqual({ kind: 'amount' });
    expect(payReply('pay my bill')).toBeNull();
    expect(payReply('payment')).toBeNull();
  });
});

describe('a person, and topics that belong with a person', () => {
  it.each([
    [JORDAN, 'can I talk to a real person', 'en', /^To talk to a person, call 1-888-925-2559/],
    [MARIA, 'quiero hablar con una persona', 'es', /^Para hablar con una persona, llame al 1-888-925-2559/],
    [MARIA, 'quiero hablar con alguien en español', 'es', /Representantes en espanol: llame al 1-888-925-2559/],
  ] as const)('%s: "%s" gets the number (%s)', async (from, body, locale, answer) => {
    const { output, reply } = await text(from, body);
    expect(output.locale).toBe(locale);
    expect(reply).toMatch(answer);
  });

  it.each([
    [JORDAN, 'my car got repossessed, what do I do', 'repossession', /repossession.*1-888-925-2559/],
    [MARIA, 'se llevaron mi carro, que hago', 'repossession', /reposesion.*1-888-925-2559/],
    [JORDAN, 'I lost my job and cannot pay this month', 'hardship', /1-888-925-2559/],
    [JORDAN, 'I filed for bankruptcy', 'bankruptcy', /bankruptcy.*1-888-925-2559/],
    [MARIA, 'me declaré en bancarrota', 'bankruptcy', /bancarrota.*1-888-925-2559/],
    [JORDAN, 'my husband passed away', 'death', /loss.*1-888-925-2559/],
    [MARIA, 'robaron mi identidad', 'fraud', /robo de identidad.*1-888-925-2559/],
    [JORDAN, 'I want to dispute a charge', 'dispute', /1-888-925-2559.*P\.O\. Box 380901, Bloomington, MN 55438/],
    [MARIA, 'quiero disputar un cargo', 'dispute', /1-888-925-2559.*P\.O\. Box 380901, Bloomington, MN 55438/],
  ])('%s: "%s" is %s: the right number, never a balance', async (from, body, topic, answer) => {
    const { output, reply } = await text(from, body);
    expect(output.intent).toBe(topic);
    expect(reply).toMatch(answer);
    expect(reply).not.toMatch(/\$\d|Civic|F-150/);
  });
});

describe('nothing sensitive by text', () => {
  it.each([
    [JORDAN, 'my ssn is 123-45-6789', '6789', /^For your security, never text your SSN, card or bank account number/],
    [JORDAN, 'pay with card 4111 1111 1111 1111', '1111', /^For your security, never text/],
    [MARIA, 'mi seguro social es 123 45 6789', '6789', /^Por su seguridad, nunca envie por texto su Seguro Social/],
    [MARIA, 'mi cuenta del banco es 000123456789', '6789', /^Por su seguridad/],
    [JORDAN, 'PAY 4111111111111111', '1111', /^For your security, never text/],
  ])('%s texts "%s": told never to text it; no digit of it comes back or stays in the conversation', async (from, body, tail, answer) => {
    const { output, reply } = await text(from, body);
    expect(reply).toMatch(answer);
    expect(reply).not.toContain(tail);
    const stored = JSON.stringify(await world.repos.sessions.load(`sms:${from}`));
    const typed = /[\d][\d\s-]+\d/.exec(body)![0];
    expect(stored).not.toContain(typed);
    expect(stored).not.toContain(typed.replace(/\D/g, ''));
    expect(output.intent).toBeUndefined();
  });
});

describe('HELP carries the required lines in both languages', () => {
  it('English: the program, how often, message and data rates, HELP and STOP, the number', async () => {
    const { output, reply } = await text(JORDAN, 'HELP');
    expect(output.locale).toBe('en');
    for (const line of [/^Vehicle account alerts/, /Msg frequency varies/, /Msg&data rates may apply/, /HELP for help/, /STOP to opt out/, /1-888-925-2559/]) {
      expect(reply).toMatch(line);
    }
  });

  it('Spanish: the same lines, in Spanish', async () => {
    const { output, reply } = await text(MARIA, 'AYUDA');
    expect(output.locale).toBe('es');
    for (const line of [/^Alertas de pago/, /Frecuencia varia/, /cargos de msj\/datos/, /HELP ayuda/, /STOP cancela/, /1-888-925-2559/]) {
      expect(reply).toMatch(line);
    }
  });
});

describe('every text of the channel', () => {
  it('each reply in these stories is GSM-7 and fits one segment', () => {
    expect(replies.length).toBeGreaterThan(20);
    for (const reply of replies) {
      expect({ reply, chars: nonGsm7Characters(reply) }).toEqual({ reply, chars: [] });
      expect([reply, gsm7Length(reply) <= SMS_SEGMENT]).toEqual([reply, true]);
    }
  });

  it('every FAQ answer has a text version in both languages, GSM-7 and at most 160 characters', () => {
    const faq = (locale: 'en' | 'es') => (locale === 'en' ? en.faq : es.faq) as Record<string, string>;
    const bases = Object.keys(en.faq).filter((k) => !/_(voice|sms)$/.test(k));
    for (const locale of ['en', 'es'] as const) {
      for (const base of bases) {
        const body = faq(locale)[`${base}_sms`];
        expect({ locale, base, present: typeof body === 'string' }).toEqual({ locale, base, present: true });
        expect({ locale, base, chars: nonGsm7Characters(body!) }).toEqual({ locale, base, chars: [] });
        expect([locale, base, gsm7Length(body!) <= SMS_SEGMENT]).toEqual([locale, base, true]);
      }
    }
  });
});
