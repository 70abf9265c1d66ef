import { bankChecks } from '../domain/helpers';
import fc from 'fast-check';
import { createMemoryRepositories } from '../../core/store/memory';
import { createServices, type Services } from '../../core/services';
import { manualClock } from '../../core/shared/clock';
import { addDays } from '../../core/shared/dates';
import type { Repositories, StoreWriter } from '../../core/store/ports';
import type { PaymentRequest } from '../../core/payments';
import type { CustomerContext } from '../../core/accounts';
import type { Payment, VehicleAccount } from '../../core/shared/types';
import { postgresReachableSync, postgresStore, sqliteStore, TEST_VAULT_KEY } from './support';

/**
 * The account arithmetic holds after any sequence of payments: random
 * accounts, random mixes of amount-due, past-due, other, extra-principal,
 * payoff and scheduled payments, retried turns and concurrent duplicates,
 * through the payment service on the in-memory twin and on the real stores.
 */
const NOW = '2025-03-10T14:00:00Z';
const TODAY = '2025-03-10';
const CUSTOMER = 'cus_property';

type Amount = { kind: 'due'; stale: boolean } | { kind: 'other'; cents: number } | { kind: 'principal'; cents: number } | { kind: 'payoff' } | { kind: 'pastDue' };
type Step =
  | { kind: 'pay'; amount: Amount; inDays: number; copies: number; confirmRepeat: boolean }
  | { kind: 'retry'; which: number };

const amountArb: fc.Arbitrary<Amount> = fc.oneof(
  fc.record({ kind: fc.constant('due' as const), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('other' as const), cents: fc.oneof(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(100, 5000)) }),
  fc.record({ kind: fc.constant('principal' as const), cents: fc.integer({ min: 1, max: 500_000 }) }),
  fc.constant({ kind: 'payoff' as const }),
  fc.constant({ kind: 'pastDue' as const }),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('pay' as const), amount: amountArb, inDays: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) }), copies: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) }), confirmRepeat: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), which: fc.nat() }) },
);
const accountArb = fc
  .record({
    principal: fc.integer({ min: 0, max: 3_000_000 }),
    interest: fc.integer({ min: 0, max: 20_000 }),
    monthly: fc.integer({ min: 1_000, max: 90_000 }),
    behind: fc.integer({ min: 0, max: 2 }),
  })
  .filter((a) => a.principal + a.interest > 0);

interface Store {
  repos: Repositories & { insert: StoreWriter };
  cleanup(): Promise<void>;
}

function arithmeticProperties(name: string, makeStore: (() => Promise<Store>) | null, numRuns: number): void {
  const d = makeStore ? describe : describe.skip;
  d(`the account arithmetic on ${name}`, () => {
    jest.setTimeout(120_000);
    let store: Store;
    let services: Services;
    let n = 0;
    beforeAll(async () => {
      store = await makeStore!();
      const { repos } = store;
      await repos.insert.customer({ id: CUSTOMER, name: 'Property Test', language: 'en', kind: 'person', taxIdKind: 'ssn', taxIdHash: 'h', taxIdHashKeyId: 'k1', taxIdLast4: '0000', zip: '28202', mobile: null, email: null, textAlerts: false, smsOptedOut: false });
      const token = await repos.vault.tokenize('021000021', '000123454321');
      await repos.insert.bank({ id: 'bank_property', customerId: CUSTOMER, routingNumber: '021000021', accountToken: token, accountLast4: '4321' });
      services = createServices(repos, { identityHashKey: 'property-hash-key-0123456789abcdef', timeZone: 'America/New_York', clock: manualClock(NOW), ...bankChecks(repos.vault) });
    });
    afterAll(async () => {
      await store?.cleanup();
    });

    it('keeps amounts whole and non-negative, principal within the payoff, past due within the amount due within the payoff, the payoff dropping by exactly what posted, and one payment per key', async () => {
      await fc.assert(
        fc.asyncProperty(accountArb, fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (shape, steps) => {
          const { repos } = store;
          n += 1;
          const id = `acc_p${n}`;
          const pastDue = shape.monthly * shape.behind;
          const payoff = shape.principal + shape.interest;
          const amountDue = Math.min(shape.monthly + pastDue, payoff);
          const start: VehicleAccount = {
            id,
            customerId: CUSTOMER,
            accountNumber: String(5_000_000_000 + n),
            vin: `PROP${String(n).padStart(13, '0')}`,
            year: 2022,
            make: 'Test',
            model: 'Car',
            product: 'retail',
            status: 'active',
            principalCents: shape.principal,
            payoffCents: payoff,
            monthlyPaymentCents: shape.monthly,
            amountDueCents: amountDue,
            pastDueCents: Math.min(pastDue, amountDue),
            nextDueDate: addDays(TODAY, 5),
            paidOffOn: null,
          };
          await repos.insert.account(start);
          const ctx: CustomerContext = { sessionId: `s-${id}`, customerId: CUSTOMER, channel: 'chat' };
          const requests: PaymentRequest[] = [];
          /** Payments to pay again that the customer confirmed, by date and amount. */
          const confirmed = new Map<string, number>();
          let keys = 0;

          const pay = async (req: PaymentRequest, confirmRepeat: boolean, account: VehicleAccount) => {
            requests.push(req);
            const r = await services.payments.pay(ctx, req);
            if (!r.ok && r.code === 'PAYMENT.SAME_DAY_REPEAT' && confirmRepeat) {
              const again = { ...req, idempotencyKey: `${id}:k${keys++}`, repeatOf: String(r.params!.confirmation) };
              requests.push(again);
              const second = await services.payments.pay(ctx, again);
              if (second.ok && !second.value.duplicate) {
                const slot = `${second.value.payment.scheduledFor}:${second.value.payment.amountCents}`;
                confirmed.set(slot, (confirmed.get(slot) ?? 0) + 1);
              }
              return second;
            }
            if (r.ok && !r.value.duplicate && req.amount.kind === 'amount_due' && r.value.payment.status === 'posted') {
              // The amount due was paid as the amount due: nothing of it is left, and it went toward it, not to principal.
              const after = (await repos.accounts.byId(id))!;
              expect(after.amountDueCents).toBe(0);
              expect(r.value.payment).toMatchObject({ kind: 'regular' });
              expect(r.value.payment.amountCents).toBeLessThanOrEqual(account.amountDueCents);
            }
            return r;
          };

          for (const step of steps) {
            const account = (await repos.accounts.byId(id))!;
            if (step.kind === 'retry') {
              if (requests.length === 0) continue;
              const req = requests[step.which % requests.length]!;
              const first = await repos.payments.byIdempotencyKey(req.idempotencyKey);
              const r = await services.payments.pay(ctx, req);
              // A retried turn never pays again; it gets its first payment back when there was one.
              if (first) expect(r).toMatchObject({ ok: true, value: { duplicate: true, payment: { id: first.id } } });
              continue;
            }
            const a = step.amount;
            const amount: PaymentRequest['amount'] =
              a.kind === 'due'
                ? { kind: 'amount_due', ...(a.stale ? { offeredCents: start.amountDueCents } : {}) }
                : a.kind === 'payoff'
                  ? { kind: 'other', amount: Math.max(1, account.payoffCents) }
                  : a.kind === 'pastDue'
                    ? { kind: 'other', amount: Math.max(1, account.pastDueCents) }
                    : { kind: a.kind, amount: a.cents };
            const date = addDays(TODAY, step.inDays);
            // Copies are the same request from different sessions or tabs (different keys), all at once.
            const copies = Array.from({ length: step.copies }, () => ({ accountId: id, amount, date, funding: { kind: 'bank_on_file' as const }, idempotencyKey: `${id}:k${keys++}` }));
            const results = await Promise.all(copies.map((req) => pay(req, step.confirmRepeat, account)));
            for (const r of results) {
              if (!r.ok) expect(r.code).toMatch(/^PAYMENT\./);
            }
            await checkInvariants(repos, start, confirmed);
          }
        }),
        { numRuns },
      );
    });
  });
}

async function checkInvariants(repos: Repositories, start: VehicleAccount, confirmed: Map<string, number>): Promise<void> {
  const a = (await repos.accounts.byId(start.id))!;
  for (const cents of [a.amountDueCents, a.pastDueCents, a.principalCents, a.payoffCents]) {
    expect(Number.isInteger(cents)).toBe(true);
    expect(cents).toBeGreaterThanOrEqual(0);
  }
  // The payoff is the principal plus accrued interest; nothing can be due beyond it, and the past due is part of the amount due.
  expect(a.principalCents).toBeLessThanOrEqual(a.payoffCents);
  expect(a.amountDueCents).toBeLessThanOrEqual(a.payoffCents);
  expect(a.pastDueCents).toBeLessThanOrEqual(a.amountDueCents);
  expect(a.principalCents).toBeLessThanOrEqual(start.principalCents);
  if (a.payoffCents === 0) expect(a).toMatchObject({ status: 'paid_off', paidOffOn: TODAY, nextDueDate: null, amountDueCents: 0, pastDueCents: 0, principalCents: 0 });
  else expect(a.status).toBe('active');

  const payments: Payment[] = await repos.payments.history(start.id, 10_000);
  const posted = payments.filter((p) => p.status === 'posted');
  expect(posted.reduce((sum, p) => sum + p.amountCents, 0)).toBe(start.payoffCents - a.payoffCents);
  expect(posted.every((p) => p.scheduledFor === TODAY)).toBe(true);
  expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(payments.length);
  // One payment of an amount for a date, plus one more for each time the customer said to pay it again.
  const slots = new Map<string, number>();
  for (const p of payments) slots.set(`${p.scheduledFor}:${p.amountCents}`, (slots.get(`${p.scheduledFor}:${p.amountCents}`) ?? 0) + 1);
  for (const [slot, count] of slots) expect({ slot, count }).toEqual({ slot, count: Math.min(count, 1 + (confirmed.get(slot) ?? 0)) });
}

arithmeticProperties('the in-memory twin', async () => ({ repos: createMemoryRepositories({ vaultKey: TEST_VAULT_KEY }), cleanup: async () => undefined }), 300);
arithmeticProperties('SQLite', sqliteStore, 40);
const postgresUp = process.env.TEST_DATABASE === 'postgres' && postgresReachableSync();
arithmeticProperties('PostgreSQL', postgresUp ? postgresStore : null, 25);
