import { loadI18n } from '../../core/i18n';
import { addDays, daysBetween } from '../../core/shared/dates';
import { dueReminders, msUntilHour, sendDueReminders, type SmsSender } from '../../core/alerts';
import { gsm7Length } from '../../ivr';
import { reminderCode, seededOn as seededOnOf, startIvrWorld, text, type IvrWorld } from './harness';

let world: IvrWorld;
let seededOn: string;
let i18n: Awaited<ReturnType<typeof loadI18n>>;
beforeAll(async () => {
  world = await startIvrWorld();
  i18n = await loadI18n();
  seededOn = await seededOnOf(world.app);
});
afterAll(async () => {
  await world?.close();
});

function reminderDeps() {
  const { app } = world;
  return { repos: app.repos, i18n, config: app.config, logger: app.logger };
}

/** Runs the reminders as if it were `daysAfterSeeding` days after the demo data was seeded. */
async function runOn(daysAfterSeeding: number, sender?: SmsSender) {
  const now = new Date(`${addDays(seededOn, daysAfterSeeding)}T14:00:00Z`);
  return sendDueReminders({ ...reminderDeps(), now, sender: sender ?? null });
}

async function queuedReminders() {
  return (await world.app.repos.outbox.pending(100)).filter((m) => m.dedupeKey.startsWith('reminder:'));
}

describe('due-date reminders by text', () => {
  it('when the Civic is due in seven days, then Jordan (opted in, bank on file) gets one reminder with a one-time code to PAY from the account ending 4321, and a second run adds nothing', async () => {
    const first = await runOn(5); // the Civic is seeded due in 12 days
    expect(first).toMatchObject({ queued: 1, duplicates: 0 });
    const rows = await queuedReminders();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'sms', to: '+17045550101', status: 'pending' });
    expect(rows[0]!.body).toMatch(/^Vehicle account reminder: \$412\.36 is due .+ on your 2021 Honda Civic\. Reply PAY \d{4} to pay it from your bank ending 4321\./);
    expect(gsm7Length(rows[0]!.body)).toBeLessThanOrEqual(160);

    // The reminder is recorded through the due date; its code only as a keyed hash.
    const code = reminderCode(rows[0]!.body);
    const dueDate = addDays(seededOn, 12);
    const [reminder] = await world.app.repos.reminders.openFor('cus_jordan_avery', seededOn);
    expect(reminder).toMatchObject({ accountId: 'acc_4100020001', dueDate, expiresOn: dueDate, amountDueCents: 41236, codeAttempts: 0 });
    expect(reminder!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reminder!.codeHash).not.toContain(code);

    const second = await runOn(5);
    expect(second).toMatchObject({ queued: 0, duplicates: 1 });
    expect(await queuedReminders()).toHaveLength(1);
    expect(await world.app.repos.reminders.openFor('cus_jordan_avery', seededOn)).toHaveLength(1);
  });

  it('on the day the demo data is seeded, then Jordan\'s Jeep (due in exactly seven days) gets its reminder, naming the vehicle account service', async () => {
    const run = await runOn(0);
    expect(run).toMatchObject({ today: seededOn, queued: 1 });
    const jeep = (await queuedReminders()).find((m) => m.dedupeKey.includes('acc_4100020005'));
    expect(jeep!.body).toMatch(/^Vehicle account reminder: \$356\.90 is due .+ on your 2019 Jeep Grand Cherokee\. Reply PAY \d{4}/);
    expect(gsm7Length(jeep!.body)).toBeLessThanOrEqual(160);
  });

  it('when María\'s F-150 is due in seven days, then her reminder is in Spanish and, with no bank on file, says how else to pay', async () => {
    const run = await runOn(-2); // due in 5 days at seeding
    expect(run.queued).toBe(1);
    const maria = (await queuedReminders()).find((m) => m.to === '+13055550122');
    expect(maria!.body).toMatch(/^Cuenta de vehiculo: \$1,178\.20 vence el .+ \(2020 Ford F-150\)\. Pague por internet o llame al 1-888-925-2559/);
    expect(maria!.body).not.toMatch(/PAY/);
    expect(await world.app.repos.reminders.openFor('cus_maria_lopez', seededOn)).toEqual([]);
  });

  it('when a customer is not opted in or has texted STOP, then no reminder is queued for them', async () => {
    // Jordan's Jeep is due seven days after seeding: with a STOP on record he gets nothing, after START he does.
    const dueToday = async () => (await dueReminders(reminderDeps(), seededOn)).map((r) => r.accountId);
    await text(world, '+17045550101', 'STOP');
    expect(await dueToday()).toEqual([]);
    await text(world, '+17045550101', 'START');
    expect(await dueToday()).toEqual(['acc_4100020005']);

    // Blue Ridge's Tacoma is due on its Auto Pay day, the 15th, but the business never opted in to texts.
    const tacomaDue = (await world.app.repos.accounts.byId('acc_4100020004'))!.nextDueDate!;
    await runOn(daysBetween(seededOn, tacomaDue) - 7);
    expect((await queuedReminders()).filter((m) => m.to === '+18285550164')).toEqual([]);
  });

  it('when a sender is configured, then queued reminders are sent once and marked sent', async () => {
    const sent: { to: string; body: string }[] = [];
    const run = await runOn(5, { send: async (to, body) => void sent.push({ to, body }) });
    expect(run.sent).toBeGreaterThanOrEqual(1);
    expect(sent.map((s) => s.to)).toContain('+17045550101');
    expect(await queuedReminders()).toHaveLength(0);

    const again = await runOn(5, { send: async (to, body) => void sent.push({ to, body }) });
    expect(again.sent).toBe(0);
  });

  it('the daily timer waits until the configured hour in the lender\'s time zone', () => {
    // 13:30 UTC is 8:30 in New York in winter: half an hour to 9:00.
    expect(msUntilHour(new Date('2026-01-15T13:30:00Z'), 9, 'America/New_York')).toBe(30 * 60 * 1000);
    // Just after 9:00 the next run is tomorrow.
    expect(msUntilHour(new Date('2026-01-15T14:00:01Z'), 9, 'America/New_York')).toBe(24 * 3600 * 1000 - 1000);
  });
});
