import { createMemoryRepositories } from '../../core/store/memory';
import { addDays, dayOfMonth, daysBetween } from '../../core/shared/dates';
import { DEMO_ACCOUNTS, DEMO_CUSTOMERS, seedDemoData } from '../../prisma/seed-data';
import { REMINDER_DAYS_AHEAD } from '../../core/alerts';
import { HASH_KEY, VAULT_KEY } from '../domain/helpers';

/*
 * The demo data is what a newcomer meets first: its stories have to hold on
 * whatever day it is seeded, month ends and leap days included.
 */

/** Every day of a leap year and the turn of the next, so each day of the month and each month end is a seeding day once. */
const SEEDING_DAYS = Array.from({ length: 380 }, (_, i) => addDays('2028-01-01', i));

async function seededOn(today: string) {
  const repos = createMemoryRepositories({ vaultKey: VAULT_KEY });
  await seedDemoData(repos.insert, repos.vault, { today, identityHashKey: HASH_KEY });
  return repos;
}

describe('the demo data', () => {
  it('on every seeding day, each demo account on Auto Pay drafts on its due date, and its past drafts on the same day of the month', async () => {
    let checked = 0;
    for (const today of SEEDING_DAYS) {
      const repos = await seededOn(today);
      for (const demo of DEMO_ACCOUNTS) {
        const autopay = await repos.autopay.forAccount(demo.id);
        if (!autopay?.active) continue;
        const account = (await repos.accounts.byId(demo.id))!;
        expect({ today, account: demo.accountNumber, autoPayDay: autopay.dayOfMonth }).toEqual({
          today,
          account: demo.accountNumber,
          autoPayDay: dayOfMonth(account.nextDueDate!),
        });
        expect(account.nextDueDate! > today).toBe(true);
        const drafts = (await repos.payments.history(demo.id, 50)).filter((p) => p.method === 'autopay');
        expect(drafts.length).toBeGreaterThan(0);
        for (const d of drafts) expect([d.scheduledFor, dayOfMonth(d.scheduledFor)]).toEqual([d.scheduledFor, autopay.dayOfMonth]);
        checked += 1;
      }
    }
    // The lease is on Auto Pay: the loop checked it every day, it did not pass by finding nothing.
    expect(checked).toBe(SEEDING_DAYS.length);
  });

  it('on the day it is seeded, one account of a customer who gets text reminders is due in exactly the reminder lead time', async () => {
    const today = '2028-02-22';
    const repos = await seededOn(today);
    const subscribers = DEMO_CUSTOMERS.filter((c) => c.textAlerts).map((c) => c.id);
    const dueInLeadTime = [];
    for (const demo of DEMO_ACCOUNTS.filter((a) => subscribers.includes(a.customerId))) {
      const account = (await repos.accounts.byId(demo.id))!;
      if (account.nextDueDate && daysBetween(today, account.nextDueDate) === REMINDER_DAYS_AHEAD) dueInLeadTime.push(account.accountNumber);
    }
    expect(dueInLeadTime).toEqual(['4100020005']);
  });
});
