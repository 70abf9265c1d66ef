import { manualClock, type ManualClock } from '../../core/shared/clock';
import { addDays, businessDate } from '../../core/shared/dates';
import { reminderCode, remindersSentTo, startIvrWorld, text, type IvrWorld } from '../ivr/harness';

/**
 * A text's sender number is easy to forge, so a PAY from the customer's
 * number alone must never move money: a payment by text needs the one-time
 * code of an open reminder, and a PAY without one gets only directions.
 */
const JORDAN = '+17045550101';
const CIVIC = 'acc_4100020001';

let world: IvrWorld;
let clock: ManualClock;
let seededOn: string;
beforeEach(async () => {
  clock = manualClock(new Date());
  world = await startIvrWorld({}, { clock });
  seededOn = businessDate(clock.now(), world.app.config.timeZone);
});
afterEach(async () => {
  await world.close();
});

async function smsPayments(accountId: string) {
  return (await world.app.repos.payments.history(accountId, 100)).filter((p) => p.channel === 'sms');
}

/** Sends the Civic's seven-day reminder (seeded due in 12 days) and returns the code it carries. */
async function civicReminderCode(): Promise<string> {
  const sent = await remindersSentTo(world, JORDAN, new Date(`${addDays(seededOn, 5)}T14:00:00Z`));
  expect(sent).toHaveLength(1);
  return reminderCode(sent[0]);
}

/** A reply that only says how to pay: nothing about the account a forger could use or learn. */
function expectDirectionsOnly(reply: string | undefined): void {
  expect(reply).toBeDefined();
  expect(reply).toContain('1-888-925-2559');
  expect(reply).toMatch(/reminder/i);
  expect(reply).not.toMatch(/\$\d/);
  expect(reply).not.toMatch(/Civic|Jeep|4321|0001|0005|Confirmation|\d{10}/);
}

describe('pay by text is authorised by more than the sender number', () => {
  it('when a signed text from Jordan\'s number says only PAY, then nothing is paid and the reply names no amount, vehicle, account or bank', async () => {
    const r = await text(world, JORDAN, 'PAY');
    expect(r.status).toBe(200);
    expect(await smsPayments(CIVIC)).toHaveLength(0);
    expectDirectionsOnly(r.replies[0]);
  });

  it('when Jordan replies PAY with his reminder\'s code, then the Civic is paid once, and the same reply again gets the first confirmation back', async () => {
    const code = await civicReminderCode();
    const paid = await text(world, JORDAN, `PAY ${code}`);
    const payments = await smsPayments(CIVIC);
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ amountCents: 41236, method: 'bank_on_file' });
    expect(paid.replies[0]).toContain(payments[0]!.confirmationNumber);
    expect(paid.replies[0]).toContain('2021 Honda Civic');

    const again = await text(world, JORDAN, `pay ${code}`);
    expect(again.replies[0]).toMatch(/already paid/i);
    expect(again.replies[0]).toContain(payments[0]!.confirmationNumber);
    expect(await smsPayments(CIVIC)).toHaveLength(1);
  });

  it('when someone with Jordan\'s number guesses wrong codes, then nothing is paid, and after three wrong codes even the right one no longer pays by text', async () => {
    const code = await civicReminderCode();
    const wrong = (n: number) => String((Number(code) + n) % 10_000).padStart(4, '0');
    for (const n of [1, 2, 3]) {
      const r = await text(world, JORDAN, `PAY ${wrong(n)}`);
      expectDirectionsOnly(r.replies[0]);
    }
    const right = await text(world, JORDAN, `PAY ${code}`);
    expect(right.replies[0]).toMatch(/too many/i);
    expect(right.replies[0]).toContain('1-888-925-2559');
    expect(right.replies[0]).not.toMatch(/\$\d|Civic|4321/);
    expect(await smsPayments(CIVIC)).toHaveLength(0);
  });

  it('when wrong codes arrive all at once, then no more than three are ever checked', async () => {
    const code = await civicReminderCode();
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 10_000).padStart(4, '0'));
    await Promise.all(guesses.map((g) => text(world, JORDAN, `PAY ${g}`)));
    const [reminder] = await world.app.repos.reminders.openFor('cus_jordan_avery', seededOn);
    expect(reminder).toMatchObject({ accountId: CIVIC, codeAttempts: 3 });
    const right = await text(world, JORDAN, `PAY ${code}`);
    expect(right.replies[0]).toMatch(/too many/i);
    expect(await smsPayments(CIVIC)).toHaveLength(0);
  });

  it('when the right code comes after the due date has passed, then the reminder has expired and nothing is paid', async () => {
    const code = await civicReminderCode();
    clock.set(new Date(`${addDays(seededOn, 13)}T15:00:00Z`));
    const r = await text(world, JORDAN, `PAY ${code}`);
    expectDirectionsOnly(r.replies[0]);
    expect(await smsPayments(CIVIC)).toHaveLength(0);
  });

  it('when the right code comes from another customer\'s number, then nothing is paid', async () => {
    const code = await civicReminderCode();
    const r = await text(world, '+13055550122', `PAGAR ${code}`);
    expect(r.replies[0]).toContain('1-888-925-2559');
    expect(r.replies[0]).not.toMatch(/Civic|4321|\$\d/);
    expect(await smsPayments(CIVIC)).toHaveLength(0);
  });
});
