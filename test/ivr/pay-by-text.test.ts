import type { i18n as I18n } from 'i18next';
import { loadI18n, translator } from '../../core/i18n';
import en from '../../core/i18n/locales/en.json';
import es from '../../core/i18n/locales/es.json';
import { gsm7Length, isGsm7, nonGsm7Characters, SMS_SEGMENT } from '../../ivr';
import { addDays } from '../../core/shared/dates';
import { postAsTwilio, reminderCode, remindersSentTo, seededOn as seededOnOf, startIvrWorld, text, type IvrWorld } from './harness';

const JORDAN = '+17045550101';
const MARIA = '+13055550122';
const PRIYA = '+13125550143';
const STRANGER = '+15555550199';

let world: IvrWorld;
let seededOn: string;
const allReplies: string[] = [];
beforeAll(async () => {
  world = await startIvrWorld();
  seededOn = await seededOnOf(world.app);
});
afterAll(async () => {
  await world?.close();
});

async function textAndCollect(from: string, body: string) {
  const r = await text(world, from, body);
  allReplies.push(...r.replies);
  return r;
}

async function smsPayments(accountId: string) {
  return (await world.app.repos.payments.history(accountId, 100)).filter((p) => p.idempotencyKey.startsWith('sms-pay:'));
}

describe('pay by text', () => {
  let civicCode: string;

  it('when Jordan replies PAY with his Civic reminder\'s code, then the Civic is paid from his bank on file and the reply has amount, date and confirmation', async () => {
    civicCode = reminderCode((await remindersSentTo(world, JORDAN, new Date(`${addDays(seededOn, 5)}T14:00:00Z`)))[0]);
    const r = await textAndCollect(JORDAN, `PAY ${civicCode}`);
    expect(r.status).toBe(200);
    expect(r.replies).toHaveLength(1);
    const payments = await smsPayments('acc_4100020001');
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 41236, method: 'bank_on_file', channel: 'sms', status: 'posted' });
    expect(r.replies[0]).toContain('$412.36');
    expect(r.replies[0]).toContain('2021 Honda Civic');
    expect(r.replies[0]).toContain(payments[0]!.confirmationNumber);
    expect(await smsPayments('acc_4100020005')).toHaveLength(0);
  });

  it('when Jordan sends the same code again, then nothing more is paid and he gets the first confirmation back', async () => {
    const first = (await smsPayments('acc_4100020001'))[0]!;
    const r = await textAndCollect(JORDAN, ` pay ${civicCode}. `);
    expect(r.replies[0]).toMatch(/already paid/i);
    expect(r.replies[0]).toContain(first.confirmationNumber);
    expect(await smsPayments('acc_4100020001')).toHaveLength(1);
    expect(await smsPayments('acc_4100020005')).toHaveLength(0);
  });

  it('when Jordan replies PAY without a code, then nothing is paid and he is told to reply with his reminder\'s code, web chat or the phone number', async () => {
    const r = await textAndCollect(JORDAN, 'PAY');
    expect(r.replies[0]).toMatch(/^To pay by text, reply PAY and the code in your latest payment reminder/);
    expect(r.replies[0]).toContain('1-888-925-2559');
    expect(await smsPayments('acc_4100020005')).toHaveLength(0);
  });

  it('when the amount due dropped after the reminder went out, then the code pays only what is due now', async () => {
    const jeepDue = addDays(seededOn, 7);
    const code = reminderCode((await remindersSentTo(world, JORDAN, new Date(`${addDays(jeepDue, -7)}T14:00:00Z`)))[0]);
    // $100.00 paid in chat meanwhile.
    const partial = {
        accountId: 'acc_4100020005',
        amountCents: 10_000,
        kind: 'regular',
        scheduledFor: seededOn,
        method: 'bank_on_file',
        channel: 'chat',
        status: 'posted',
        confirmationNumber: '5550001234',
        routingNumber: null,
        bankAccountToken: null,
        bankAccountLast4: '4321',
        idempotencyKey: 'chat-partial-jeep',
      } as const;
    await world.app.repos.payments.record({ accountId: partial.accountId, date: partial.scheduledFor, idempotencyKey: partial.idempotencyKey }, () => ({
      record: partial,
      decrement: { amountDueCents: 10_000, pastDueCents: 0, principalCents: 0, payoffCents: 10_000, paidOffOn: null },
    }));
    const r = await textAndCollect(JORDAN, `PAY ${code}`);
    expect(r.replies[0]).toContain('$256.90');
    expect((await smsPayments('acc_4100020005')).map((p) => p.amountCents)).toEqual([25_690]);
  });

  it('when María (Spanish, no bank on file, so her reminders carry no code) replies PAGAR, then she is told in Spanish, without accents that break GSM-7, how else to pay', async () => {
    const r = await textAndCollect(MARIA, 'Pagar');
    expect(r.replies[0]).toMatch(/^Para pagar por texto, responda PAY y el codigo/);
    expect(r.replies[0]).toContain('1-888-925-2559');
    expect(await smsPayments('acc_4100020002')).toHaveLength(0);
  });

  it('when a customer who never opted in to text alerts replies PAY, then nothing is paid and she is told to opt in first', async () => {
    const r = await textAndCollect(PRIYA, 'PAY');
    expect(r.replies[0]).toMatch(/isn't signed up for payment alerts/);
  });

  it('when a number we do not know texts PAY, then it is told to call customer service', async () => {
    const r = await textAndCollect(STRANGER, 'PAY 1234');
    expect(r.replies[0]).toMatch(/don't recognize this number/);
  });

  it('when someone texts anything else, then a short help line comes back', async () => {
    const r = await textAndCollect(JORDAN, 'how much do I owe?');
    expect(r.replies[0]).toMatch(/^To pay, reply PAY and the code in your reminder/);
  });
});

describe('carrier keywords', () => {
  it('when Jordan texts STOP, then the opt-out is recorded and we send nothing (the carrier confirms), and PAY no longer pays', async () => {
    const r = await textAndCollect(JORDAN, 'STOP');
    expect(r.status).toBe(200);
    expect(r.xml).toMatch(/<Response\/>|<Response><\/Response>/);
    expect(r.replies).toEqual([]);
    expect(await world.app.repos.customers.byMobile(JORDAN)).toMatchObject({ smsOptedOut: true });

    const pay = await textAndCollect(JORDAN, 'PAY');
    expect(pay.replies[0]).toMatch(/opted out.*START/);
    expect(await smsPayments('acc_4100020005')).toHaveLength(1);
  });

  it.each(['stopall', 'Unsubscribe', 'CANCEL', 'end', 'QUIT'])('when a customer texts %s, then it is an opt-out too', async (word) => {
    const r = await textAndCollect(MARIA, word);
    expect(r.replies).toEqual([]);
    expect(await world.app.repos.customers.byMobile(MARIA)).toMatchObject({ smsOptedOut: true });
    await textAndCollect(MARIA, 'START');
  });

  it('when Jordan texts START, then he is opted back in with a short confirmation', async () => {
    const r = await textAndCollect(JORDAN, 'START');
    expect(r.replies[0]).toMatch(/back on/);
    expect(await world.app.repos.customers.byMobile(JORDAN)).toMatchObject({ smsOptedOut: false });
  });

  it('when María texts HELP, then the help text, in Spanish, has the customer service number', async () => {
    const r = await textAndCollect(MARIA, 'help');
    expect(r.replies[0]).toMatch(/^Alertas de pago/);
    expect(r.replies[0]).toContain('1-888-925-2559');
  });

  it('when a forged text says STOP, then it gets 403 and the customer stays subscribed', async () => {
    const posted = await postAsTwilio(world, '/sms/incoming', { From: JORDAN, Body: 'STOP', MessageSid: 'SMforged' }, { signature: 'bm9wZQ==' });
    expect(posted.status).toBe(403);
    expect(await world.app.repos.customers.byMobile(JORDAN)).toMatchObject({ smsOptedOut: false });
  });

  it('every reply sent in these stories fits one GSM-7 segment', () => {
    expect(allReplies.length).toBeGreaterThan(8);
    for (const reply of allReplies) {
      expect(nonGsm7Characters(reply)).toEqual([]);
      expect(gsm7Length(reply)).toBeLessThanOrEqual(SMS_SEGMENT);
    }
  });
});

describe('every SMS text in both languages', () => {
  let i18n: I18n;
  beforeAll(async () => {
    i18n = await loadI18n();
  });

  // The longest values the texts can carry: the longest demo vehicle, a five-figure amount, the longest dates.
  const worst = {
    amount: 1_234_567,
    date: 'Sept 30',
    vehicle: '2019 Jeep Grand Cherokee',
    account: '0005',
    last4: '4321',
    confirmation: '6948255141',
    phone: '1-888-925-2559',
    code: '4821',
    minutes: 10,
  };
  // A texted verification code has six digits; a reminder's pay code four.
  const codeFor = (key: string) => (key === 'verificationCode' ? '123456' : worst.code);

  it('both languages have the same SMS texts', () => {
    expect(Object.keys(es.sms).sort()).toEqual(Object.keys(en.sms).sort());
  });

  it.each(['en', 'es'] as const)('in %s, each text is GSM-7 and at most 160 characters with the longest values', (locale) => {
    const t = translator(i18n, locale, 'sms');
    for (const key of Object.keys(en.sms)) {
      const body = t({ key: `sms.${key}`, params: { ...worst, code: codeFor(key), date: locale === 'es' ? '30 sept' : worst.date } });
      expect({ key, chars: nonGsm7Characters(body) }).toEqual({ key, chars: [] });
      expect({ key, length: gsm7Length(body) }).toEqual({ key, length: expect.any(Number) });
      expect([key, gsm7Length(body) <= SMS_SEGMENT, body]).toEqual([key, true, body]);
      expect(body).not.toMatch(/{{|}}/);
    }
  });

  it('the GSM-7 check knows its alphabet: é, ñ, ü, ¿ and ¡ are in it; á, í, ó, ú and ® are not', () => {
    expect(isGsm7('¿Qué pasó?')).toBe(false);
    expect(isGsm7('¿Qué? ¡Señor! pingüino à')).toBe(true);
    expect(nonGsm7Characters('vehículo, número, FICO®')).toEqual(['í', 'ú', '®']);
    expect(gsm7Length('a€b')).toBe(4);
  });
});
