import { PhoneCall, startIvrWorld, type IvrWorld } from '../ivr/harness';
import type { BankAccountValidation } from '../../core/payments';

/**
 * Nacha's WEB debit rule: a bank account used for the first time is validated
 * before it is debited. The routing number must be in the Federal Reserve's
 * FedACH directory and able to receive entries; the account itself goes to an
 * account-validation service (or a pre-note). The simulated service used here
 * answers by the account number's last four digits: …0000 no open account,
 * …1111 no data yet (a pre-note is sent), anything else open and valid.
 */
const F150 = 'acc_4100020002';
const CIVIC = 'acc_4100020001';
const MARIA = '+13055550122';

type Say = (text: string, secret?: string) => Promise<string>;

/** A web chat over the local Direct Line; a secret goes in `value.secret` as the page sends it. */
async function chat(world: IvrWorld, locale = 'en-US'): Promise<Say> {
  const dl = `${world.base}/v3/directline`;
  const start = (await (await fetch(`${dl}/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  const headers = { Authorization: `Bearer ${start.token}`, 'Content-Type': 'application/json' };
  let seen = 0;
  return async (text, secret) => {
    const activity = secret === undefined ? { type: 'message', text } : { type: 'message', text: '•••••', value: { secret } };
    await fetch(`${dl}/conversations/${start.conversationId}/activities`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...activity, from: { id: 'dl_payer' }, locale }),
    });
    for (let i = 0; i < 200; i++) {
      const page = (await (await fetch(`${dl}/conversations/${start.conversationId}/activities`, { headers })).json()) as {
        activities: { from: { id: string }; type: string; text?: string }[];
      };
      const replies = page.activities.filter((a) => a.from.id !== 'dl_payer' && a.type === 'message' && a.text);
      if (replies.length > seen) {
        const fresh = replies.slice(seen).map((a) => a.text!);
        seen = replies.length;
        return fresh.join('\n');
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no reply');
  };
}

/** María verifies by chat and pays $50 today toward her F-150, until the bank routing number is asked. */
async function mariaAtRouting(world: IvrWorld): Promise<Say> {
  const say = await chat(world);
  await say('make a payment');
  await say('4100020002');
  await say('533-18-2046', '533182046');
  await say('Another amount');
  await say('50');
  const routing = await say('Today');
  expect(routing).toMatch(/routing number/);
  return say;
}

async function f150() {
  return (await world.app.repos.accounts.byId(F150))!;
}
/** Payments taken on María's F-150 during the test (the demo seed brings its own history). */
async function f150Payments() {
  return (await world.app.repos.payments.history(F150, 100)).filter((p) => !p.idempotencyKey.startsWith('seed:'));
}

let world: IvrWorld;
afterEach(async () => {
  await world?.close();
});

describe('a bank account used for the first time is validated before its first debit', () => {
  beforeEach(async () => {
    world = await startIvrWorld();
  });

  it('when María pays by chat from a new account the validation service cannot confirm yet, then nothing is debited: the payment waits for validation and she is told so', async () => {
    const before = await f150();
    const say = await mariaAtRouting(world);
    await say('021000021');
    const readBack = await say('•••• 1111', '000222221111');
    expect(readBack).toMatch(/being verified/);
    expect(readBack).toMatch(/1[–-]2 business days/);
    const done = await say('yes');

    expect(done).toMatch(/Your bank account is being verified; the payment will be made once it is, usually within 1[–-]2 business days/);
    expect(done).not.toMatch(/Done!|submitted for today/);
    const payments = await f150Payments();
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'awaiting_validation', amountCents: 5000, bankAccountLast4: '1111', method: 'bank_new' });
    expect(done).toContain(payments[0]!.confirmationNumber);
    // Not debited: the balances are as they were.
    const after = await f150();
    expect(after).toMatchObject({ amountDueCents: before.amountDueCents, pastDueCents: before.pastDueCents, payoffCents: before.payoffCents });
  });

  it('when the validation service finds no open account for the number, then María is told plainly and asked again, and nothing is stored as a payment', async () => {
    const say = await mariaAtRouting(world);
    await say('021000021');
    const refused = await say('•••• 0000', '000333330000');
    expect(refused).toMatch(/couldn't confirm an open account/);
    expect(refused).toMatch(/bank account number/); // asked again
    expect(refused).not.toContain('000333330000');
    expect(await f150Payments()).toHaveLength(0);
  });

  it('when the routing number passes the checksum but is not in the Federal Reserve directory, then it is refused and the problem named', async () => {
    const say = await mariaAtRouting(world);
    const refused = await say('122105278');
    expect(refused).toMatch(/isn't in the Federal Reserve's directory/);
    expect(refused).toMatch(/routing number/);
    expect(await f150Payments()).toHaveLength(0);
  });

  it('when the routing number belongs to a bank that merged and no longer takes payments under it, then it is refused and the problem named', async () => {
    const say = await mariaAtRouting(world);
    const refused = await say('053101231');
    expect(refused).toMatch(/no longer accepts electronic payments/);
    expect(await f150Payments()).toHaveLength(0);
  });

  it('when María pays by phone in Spanish from a new account waiting for validation, then she hears it plainly and nothing is debited', async () => {
    const before = await f150();
    const call = new PhoneCall(world, MARIA);
    await call.dial();
    await call.press('1');
    await call.press('4100020002');
    await call.press('533182046');
    await call.press('1'); // the amount due
    await call.press('1'); // today
    await call.press('021000021');
    const readBack = await call.press('987654321111'); // read back as cheques
    expect(readBack.text).toMatch(/verificando/);
    const done = await call.press('1');
    expect(done.text).toMatch(/Estamos verificando su cuenta bancaria; el pago se hará en cuanto se verifique, normalmente en 1 a 2 días hábiles/);
    expect(done.xml).not.toContain('987654321111');
    const payments = (await f150Payments()).filter((p) => p.idempotencyKey.includes(call.callSid));
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: 'awaiting_validation' });
    expect((await f150()).amountDueCents).toBe(before.amountDueCents);
  });

  it('when María sets up Auto Pay from a new account with no open account behind it, then it is refused and nothing is enrolled', async () => {
    const say = await chat(world);
    await say('set up auto pay');
    await say('4100020002');
    await say('533-18-2046', '533182046');
    await say('15');
    await say('021000021');
    const refused = await say('•••• 0000', '000444440000');
    expect(refused).toMatch(/couldn't confirm an open account/);
    expect(await world.app.repos.autopay.forAccount(F150)).toBeNull();
  });

  it('when María sets up Auto Pay from a new account still being verified, then she is told it can be set up once verified, and nothing is enrolled', async () => {
    const say = await chat(world);
    await say('set up auto pay');
    await say('4100020002');
    await say('533-18-2046', '533182046');
    await say('15');
    await say('021000021');
    const told = await say('•••• 1111', '000444441111');
    expect(told).toMatch(/being verified/);
    expect(await world.app.repos.autopay.forAccount(F150)).toBeNull();
  });
});

describe('an account already validated is not validated again', () => {
  const asked: string[] = [];
  /** Holds every account pending: only a call for a first-use account may reach it. */
  const recording: BankAccountValidation = {
    async validate(routingNumber) {
      asked.push(routingNumber);
      return 'pending';
    },
  };
  beforeEach(async () => {
    asked.length = 0;
    world = await startIvrWorld({}, { bankAccountValidation: recording });
  });

  it('when Jordan pays from the bank on file, then it posts at once and the validation service is not asked', async () => {
    const say = await chat(world);
    await say('make a payment');
    await say('4100020001');
    await say('401-22-7788', '401227788');
    await say('2021 Honda Civic');
    await say('Another amount');
    await say('25');
    await say('Today');
    const readBack = await say('Bank account ending 4321');
    expect(readBack).not.toMatch(/being verified/);
    const done = await say('yes');
    expect(done).toMatch(/submitted for today/);
    const payments = await world.app.repos.payments.history(CIVIC, 100);
    expect(payments.find((p) => p.amountCents === 2500)).toMatchObject({ status: 'posted', method: 'bank_on_file' });
    expect(asked).toEqual([]);
  });

  it('when the service is configured to hold every new account, then a new account asked about is the only call it gets', async () => {
    const say = await mariaAtRouting(world);
    await say('021000021');
    await say('•••• 6789', '123456789');
    await say('Savings');
    const done = await say('yes');
    expect(done).toMatch(/being verified/);
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked)).toEqual(new Set(['021000021']));
  });
});
