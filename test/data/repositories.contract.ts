import type { BalanceDecrement, Repositories, StoreWriter, NewPayment, PaymentSnapshot } from '../../core/store/ports';
import type { Payment } from '../../core/shared/types';
import { BalanceChangedError, ConfirmationNumberTakenError } from '../../core/store/ports';
import { hashTaxId } from '../../core/security/keyed-hash';
import { seedDemoData } from '../../prisma/seed-data';

export const CONTRACT_HASH_KEY = 'contract-hash-key-0123456789abcdef0123';
export const CONTRACT_TODAY = '2025-03-10';

export interface ContractStore {
  repos: Repositories & { insert: StoreWriter };
  /** Drops whatever the store created. */
  cleanup(): Promise<void>;
}

/**
 * The behaviour every implementation of the ports must share. Run against the
 * in-memory twin, SQLite and PostgreSQL, so fast tests on the twin prove
 * something about production.
 */
export function repositoriesContract(name: string, makeStore: (() => Promise<ContractStore>) | null): void {
  const d = makeStore ? describe : describe.skip;
  d(`${name} repositories`, () => {
    let store: ContractStore;
    let r: Repositories & { insert: StoreWriter };
    beforeAll(async () => {
      store = await makeStore!();
      r = store.repos;
      await seedDemoData(r.insert, r.vault, { today: CONTRACT_TODAY, identityHashKey: CONTRACT_HASH_KEY });
    });
    afterAll(async () => {
      await store?.cleanup();
    });

    const payment = (over: Partial<NewPayment> = {}): NewPayment => ({
      accountId: 'acc_4100020005',
      amountCents: 1000,
      kind: 'regular',
      scheduledFor: CONTRACT_TODAY,
      method: 'bank_on_file',
      channel: 'chat',
      status: 'posted',
      confirmationNumber: String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)),
      routingNumber: '021000021',
      bankAccountToken: 'bat_x',
      bankAccountLast4: '4321',
      idempotencyKey: `k-${Math.random()}`,
      ...over,
    });
    const noDecrement = { amountDueCents: 0, pastDueCents: 0, principalCents: 0, payoffCents: 0, paidOffOn: null };
    /** Records `p` whatever the store holds (a decision made without looking), and expects it recorded or found. */
    async function record(p: NewPayment, d: BalanceDecrement | null): Promise<{ payment: Payment; duplicate: boolean }> {
      const outcome = await r.payments.record({ accountId: p.accountId, date: p.scheduledFor, idempotencyKey: p.idempotencyKey }, () => ({ record: p, decrement: d }));
      if ('refused' in outcome) throw new Error('refused');
      return outcome;
    }

    it('answers ping', async () => {
      expect(await r.ping()).toBe(true);
    });

    it('finds customers by tax id hash and mobile, and updates preferences', async () => {
      const byHash = await r.customers.byTaxIdHash(hashTaxId(CONTRACT_HASH_KEY, '401227788'));
      expect(byHash.map((c) => c.name)).toEqual(['Jordan Avery']);
      expect(await r.customers.byMobile('+13055550122')).toMatchObject({ name: 'María López', language: 'es', taxIdLast4: '2046' });
      expect(await r.customers.byId('nope')).toBeNull();
      await r.customers.update('cus_priya_shah', { textAlerts: true });
      await r.customers.update('cus_maria_lopez', { smsOptedOut: true });
      expect((await r.customers.textAlertSubscribers()).map((c) => c.id).sort()).toEqual(['cus_jordan_avery', 'cus_priya_shah']);
      await r.customers.update('cus_priya_shah', { textAlerts: false });
      await r.customers.update('cus_maria_lopez', { smsOptedOut: false });
    });

    it('finds accounts by number, VIN, VIN suffix and customer', async () => {
      expect(await r.accounts.byAccountNumber('4100020002')).toMatchObject({ vin: '1FTEW1EP5LFA67890', pastDueCents: 58910, amountDueCents: 117820, nextDueDate: '2025-03-15' });
      expect(await r.accounts.byVin('3tmcz5an0nm487120')).toMatchObject({ product: 'lease' });
      expect((await r.accounts.byVinSuffix('402233')).map((a) => a.accountNumber)).toEqual(['4100020003']);
      expect((await r.accounts.byCustomer('cus_jordan_avery')).map((a) => a.accountNumber)).toEqual(['4100020001', '4100020005']);
      expect(await r.accounts.byId('acc_4100020003')).toMatchObject({ status: 'paid_off', paidOffOn: '2025-02-18', nextDueDate: null });
    });

    it('keeps bank numbers in the vault only, behind a token', async () => {
      const bank = await r.banks.onFileFor('cus_jordan_avery');
      expect(bank).toMatchObject({ routingNumber: '021000021', accountLast4: '4321' });
      expect(await r.vault.reveal(bank!.accountToken)).toEqual({ routingNumber: '021000021', accountNumber: '000123454321' });
      expect(await r.banks.onFileFor('cus_maria_lopez')).toBeNull();
      const token = await r.vault.tokenize('011000015', '5550001234');
      expect(token).toMatch(/^bat_/);
      expect(await r.vault.reveal(token)).toEqual({ routingNumber: '011000015', accountNumber: '5550001234' });
      expect(await r.vault.reveal('bat_unknown')).toBeNull();
    });

    it('keeps the id of the key each SSN/Tax ID hash was made with, moves a hash to another key, and counts hashes per key', async () => {
      expect(await r.customers.taxIdHashKeyCounts()).toEqual({ k1: 4 });
      expect((await r.customers.byId('cus_priya_shah'))!.taxIdHashKeyId).toBe('k1');
      const moved = hashTaxId('another-contract-hash-key-0123456789ab', '612093345');
      await r.customers.setTaxIdHash('cus_priya_shah', moved, 'k2');
      expect((await r.customers.byTaxIdHash(moved)).map((c) => [c.id, c.taxIdHashKeyId])).toEqual([['cus_priya_shah', 'k2']]);
      expect(await r.customers.taxIdHashKeyCounts()).toEqual({ k1: 3, k2: 1 });
      await r.customers.setTaxIdHash('cus_priya_shah', hashTaxId(CONTRACT_HASH_KEY, '612093345'), 'k1');
      expect(await r.customers.taxIdHashKeyCounts()).toEqual({ k1: 4 });
    });

    it('rotates a vault already on its current key without touching an entry', async () => {
      const bank = (await r.banks.onFileFor('cus_jordan_avery'))!;
      const report = await r.vault.rotate();
      expect(report).toMatchObject({ resealed: 0, unreadable: 0 });
      expect(report.current).toBeGreaterThanOrEqual(2);
      expect(await r.vault.reveal(bank.accountToken)).toEqual({ routingNumber: '021000021', accountNumber: '000123454321' });
    });

    it('records a posted payment and decrements the balances in one go', async () => {
      const before = (await r.accounts.byId('acc_4100020005'))!;
      const res = await record(payment({ amountCents: 2000 }), { ...noDecrement, amountDueCents: 2000, payoffCents: 2000 });
      expect(res.duplicate).toBe(false);
      expect(res.payment).toMatchObject({ amountCents: 2000, status: 'posted', bankAccountLast4: '4321' });
      expect(res.payment.id).toBeTruthy();
      expect(res.payment.createdAt).toBeInstanceOf(Date);
      expect(await r.accounts.byId('acc_4100020005')).toMatchObject({ amountDueCents: before.amountDueCents - 2000, payoffCents: before.payoffCents - 2000 });
    });

    it('records a card payment with the connector token, brand, last 4 and expiry, and a bank debit with its account type', async () => {
      const card = await record(
        payment({ method: 'card', routingNumber: null, bankAccountToken: null, bankAccountLast4: null, cardToken: 'tok_sim_1', cardBrand: 'visa', cardLast4: '1111', cardExpiry: '1230', amountCents: 3100 }),
        null,
      );
      expect(card.payment).toMatchObject({ method: 'card', cardToken: 'tok_sim_1', cardBrand: 'visa', cardLast4: '1111', cardExpiry: '1230', bankAccountType: null, bankAccountLast4: null });
      const bank = await record(payment({ method: 'bank_new', bankAccountType: 'savings', amountCents: 3200 }), null);
      expect(bank.payment).toMatchObject({ bankAccountType: 'savings', cardToken: null, cardLast4: null });
      expect(await r.payments.byIdempotencyKey(card.payment.idempotencyKey)).toMatchObject({ cardBrand: 'visa', cardLast4: '1111' });
    });

    it('returns the first payment for a repeated idempotency key and records nothing more', async () => {
      const p = payment({ idempotencyKey: 'same-key' });
      const first = await record(p, null);
      const second = await record({ ...p, confirmationNumber: '1234509876' }, { ...noDecrement, payoffCents: 1000 });
      expect(second).toEqual({ payment: first.payment, duplicate: true });
      expect(await r.payments.byIdempotencyKey('same-key')).toEqual(first.payment);
    });

    it('lets only one of two racing requests with one key record a payment', async () => {
      const before = (await r.accounts.byId('acc_4100020005'))!;
      const p = payment({ idempotencyKey: 'race-key', amountCents: 500 });
      const dec = { ...noDecrement, payoffCents: 500, principalCents: 500 };
      const results = await Promise.all([
        record({ ...p, confirmationNumber: '2000000001' }, dec),
        record({ ...p, confirmationNumber: '2000000002' }, dec),
        record({ ...p, confirmationNumber: '2000000003' }, dec),
      ]);
      expect(results.filter((x) => !x.duplicate)).toHaveLength(1);
      expect(new Set(results.map((x) => x.payment.id)).size).toBe(1);
      expect((await r.accounts.byId('acc_4100020005'))!.payoffCents).toBe(before.payoffCents - 500);
    });

    it('refuses a confirmation number already used', async () => {
      await record(payment({ confirmationNumber: '3000000001' }), null);
      await expect(record(payment({ confirmationNumber: '3000000001' }), null)).rejects.toBeInstanceOf(ConfirmationNumberTakenError);
    });

    it('refuses a decrement that would overdraw, recording nothing', async () => {
      const before = (await r.accounts.byId('acc_4100020001'))!;
      const p = payment({ accountId: 'acc_4100020001', idempotencyKey: 'overdraw' });
      await expect(record(p, { ...noDecrement, amountDueCents: before.amountDueCents + 1 })).rejects.toThrow(/overdraw/);
      expect(await r.payments.byIdempotencyKey('overdraw')).toBeNull();
      expect(await r.accounts.byId('acc_4100020001')).toEqual(before);
    });

    it('hands the decision the account as it is and that date\'s payments, and records nothing on a refusal', async () => {
      const account = (await r.accounts.byId('acc_4100020004'))!;
      await record(payment({ accountId: account.id, amountCents: 777, scheduledFor: '2025-03-21', status: 'scheduled' }), null);
      await record(payment({ accountId: account.id, amountCents: 888, scheduledFor: '2025-03-22', status: 'scheduled' }), null);
      let seen: PaymentSnapshot | null = null;
      const outcome = await r.payments.record({ accountId: account.id, date: '2025-03-21', idempotencyKey: 'refused-key' }, (snapshot) => {
        seen = snapshot;
        return { refuse: 'NO' as const };
      });
      expect(outcome).toEqual({ refused: 'NO' });
      expect(seen!.account).toEqual(account);
      expect(seen!.sameDate.map((x) => x.amountCents)).toEqual([777]);
      expect(await r.payments.byIdempotencyKey('refused-key')).toBeNull();
    });

    it('lets only one of racing payments decided on the same balances move them; the others find the account changed and decide again', async () => {
      const before = (await r.accounts.byId('acc_4100020001'))!;
      // Each pays 1 cent toward principal unless it sees that someone already did today.
      const attempt = async (i: number): Promise<'recorded' | 'refused'> => {
        for (;;) {
          try {
            const outcome = await r.payments.record({ accountId: before.id, date: CONTRACT_TODAY, idempotencyKey: `race-${i}` }, (snap) =>
              snap.sameDate.some((x) => x.amountCents === 1)
                ? { refuse: 'already' }
                : {
                    record: payment({ accountId: before.id, amountCents: 1, kind: 'principal', idempotencyKey: `race-${i}` }),
                    decrement: { ...noDecrement, principalCents: 1, payoffCents: 1 },
                  },
            );
            return 'refused' in outcome ? 'refused' : 'recorded';
          } catch (e) {
            if (!(e instanceof BalanceChangedError)) throw e;
          }
        }
      };
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(i)));
      expect(results.filter((x) => x === 'recorded')).toHaveLength(1);
      const after = (await r.accounts.byId(before.id))!;
      expect(after).toMatchObject({ principalCents: before.principalCents - 1, payoffCents: before.payoffCents - 1 });
    });

    it('marks an account paid off when told', async () => {
      const a = (await r.accounts.byId('acc_4100020004'))!;
      await record(payment({ accountId: a.id, amountCents: a.payoffCents }), {
        amountDueCents: a.amountDueCents,
        pastDueCents: 0,
        principalCents: a.principalCents,
        payoffCents: a.payoffCents,
        paidOffOn: CONTRACT_TODAY,
      });
      expect(await r.accounts.byId(a.id)).toMatchObject({ status: 'paid_off', payoffCents: 0, principalCents: 0, amountDueCents: 0, nextDueDate: null, paidOffOn: CONTRACT_TODAY });
    });

    it('lists history newest first with a limit, and scheduled payments earliest first', async () => {
      await record(payment({ accountId: 'acc_4100020002', status: 'scheduled', scheduledFor: '2025-03-25' }), null);
      await record(payment({ accountId: 'acc_4100020002', status: 'scheduled', scheduledFor: '2025-03-20' }), null);
      const history = await r.payments.history('acc_4100020002', 4);
      expect(history.map((p) => p.scheduledFor)).toEqual(['2025-03-25', '2025-03-20', '2025-01-14', '2024-12-15']);
      expect((await r.payments.pending('acc_4100020002')).map((p) => p.scheduledFor)).toEqual(['2025-03-20', '2025-03-25']);
    });

    it('counts a payment waiting for its bank account\'s validation as pending, without touching the balances', async () => {
      const before = (await r.accounts.byId('acc_4100020002'))!;
      await record(payment({ accountId: 'acc_4100020002', status: 'awaiting_validation', scheduledFor: CONTRACT_TODAY, idempotencyKey: 'waits' }), null);
      await record(payment({ accountId: 'acc_4100020002', status: 'posted', scheduledFor: CONTRACT_TODAY, amountCents: 101, idempotencyKey: 'posted' }), null);
      const keys = (await r.payments.pending('acc_4100020002')).map((p) => p.idempotencyKey);
      expect(keys).toContain('waits');
      expect(keys).not.toContain('posted');
      expect(await r.payments.byIdempotencyKey('waits')).toMatchObject({ status: 'awaiting_validation' });
      expect(await r.accounts.byId('acc_4100020002')).toEqual(before);
    });

    it('enrolls, re-enrolls and cancels Auto Pay', async () => {
      expect(await r.autopay.forAccount('acc_4100020004')).toMatchObject({ dayOfMonth: 15, active: true, bankAccountLast4: '1122' });
      const e = await r.autopay.upsert({ accountId: 'acc_4100020001', dayOfMonth: 3, routingNumber: '021000021', bankAccountToken: 'bat_y', bankAccountLast4: '4321' });
      expect(e).toMatchObject({ active: true, dayOfMonth: 3, cancelledAt: null });
      const again = await r.autopay.upsert({ accountId: 'acc_4100020001', dayOfMonth: 9, routingNumber: '021000021', bankAccountToken: 'bat_y', bankAccountLast4: '4321' });
      expect(again).toMatchObject({ id: e.id, dayOfMonth: 9 });
      const at = new Date('2025-03-10T15:00:00Z');
      expect(await r.autopay.cancel('acc_4100020001', at)).toMatchObject({ active: false, cancelledAt: at });
      expect(await r.autopay.cancel('acc_none', at)).toBeNull();
    });

    it('reads title status and toggles email updates', async () => {
      const t = await r.titles.forAccount('acc_4100020003');
      expect(t).toMatchObject({ state: 'title_mailed', carrier: 'USPS', expectedDelivery: '2025-03-17', emailUpdates: false });
      expect(t!.milestones.map((m) => m.code)).toEqual(['payoff_received', 'lien_release_requested', 'lien_released', 'title_mailed']);
      await r.titles.setEmailUpdates('acc_4100020003', true);
      expect(await r.titles.forAccount('acc_4100020003')).toMatchObject({ emailUpdates: true });
      expect(await r.titles.forAccount('acc_4100020001')).toBeNull();
    });

    it('gives the latest FICO score, or null', async () => {
      expect(await r.fico.latest('cus_priya_shah')).toEqual({ customerId: 'cus_priya_shah', score: 801, model: 'FICO® Score 8', asOf: '2025-02-24', factors: ['recent_inquiries', 'credit_mix'] });
      expect(await r.fico.latest('cus_blue_ridge')).toBeNull();
    });

    it('counts failures per scope, locks, and forgets failures after a clear', async () => {
      const t0 = new Date('2025-03-10T14:00:00Z');
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      const fail = (min: number, sessionId = 'vs1') =>
        r.verification.recordAttempt({ sessionId, accountId: 'acc_4100020001', callerKey: '+15550001111', channel: 'voice', success: false, reason: 'x', at: at(min) });
      await fail(0);
      await fail(1, 'vs2');
      await r.verification.recordAttempt({ sessionId: 'vs1', accountId: 'acc_4100020001', callerKey: null, channel: 'voice', success: true, reason: 'ok', at: at(2) });
      expect(await r.verification.failuresSince('session', 'vs1', at(-30))).toBe(1);
      expect(await r.verification.failuresSince('account', 'acc_4100020001', at(-30))).toBe(2);
      expect(await r.verification.failuresSince('caller', '+15550001111', at(-30))).toBe(2);
      expect(await r.verification.failuresSince('account', 'acc_4100020001', at(1))).toBe(1);
      await r.verification.clearFailures('account', 'acc_4100020001', at(1));
      expect(await r.verification.failuresSince('account', 'acc_4100020001', at(-30))).toBe(0);
      await fail(3);
      expect(await r.verification.failuresSince('account', 'acc_4100020001', at(-30))).toBe(1);

      expect(await r.verification.lockedUntil('session', 'vs1', at(3))).toBeNull();
      await r.verification.lock('session', 'vs1', at(33));
      expect(await r.verification.lockedUntil('session', 'vs1', at(10))).toEqual(at(33));
      expect(await r.verification.lockedUntil('session', 'vs1', at(33))).toBeNull();
      expect(await r.verification.lockedUntil('account', 'vs1', at(10))).toBeNull();
    });

    it('counts failures everywhere, and keeps one-time-code challenges: newest open one per session, wrong codes, close, per-account count', async () => {
      const t0 = new Date('2025-03-10T15:00:00Z');
      const at = (min: number) => new Date(t0.getTime() + min * 60_000);
      const attempt = (min: number, success: boolean, sessionId: string) =>
        r.verification.recordAttempt({ sessionId, accountId: null, callerKey: null, channel: 'chat', success, reason: 'x', at: at(min) });
      await attempt(0, false, 'g1');
      await attempt(1, false, 'g2');
      await attempt(2, true, 'g3');
      expect(await r.verification.allFailuresSince(at(0))).toBe(2);
      expect(await r.verification.allFailuresSince(at(1))).toBe(1);

      expect(await r.verification.latestChallenge('cs1')).toBeNull();
      const base = { sessionId: 'cs1', customerId: 'cus_jordan_avery', accountId: 'acc_4100020001', codeHash: 'h1', expiresAt: at(10) };
      await r.verification.createChallenge({ ...base, id: 'ch-1', createdAt: at(0) });
      await r.verification.createChallenge({ ...base, id: 'ch-2', codeHash: 'h2', createdAt: at(1) });
      expect(await r.verification.latestChallenge('cs1')).toEqual({ ...base, id: 'ch-2', codeHash: 'h2', createdAt: at(1), failedAttempts: 0, closedAt: null });
      expect(await r.verification.recordWrongCode('ch-2')).toBe(1);
      expect(await r.verification.recordWrongCode('ch-2')).toBe(2);
      expect(await r.verification.latestChallenge('cs1')).toMatchObject({ id: 'ch-2', failedAttempts: 2 });
      await r.verification.closeChallenge('ch-2', at(2));
      expect(await r.verification.latestChallenge('cs1')).toMatchObject({ id: 'ch-1', failedAttempts: 0 });
      await r.verification.closeChallenge('ch-1', at(2));
      expect(await r.verification.latestChallenge('cs1')).toBeNull();
      expect(await r.verification.challengesSince('acc_4100020001', at(0))).toBe(2);
      expect(await r.verification.challengesSince('acc_4100020001', at(1))).toBe(1);
      expect(await r.verification.challengesSince('acc_4100020005', at(0))).toBe(0);
    });

    it('records a message already sent in the outbox without queuing it', async () => {
      const at = new Date('2025-03-10T13:30:00Z');
      expect(await r.outbox.enqueue({ channel: 'sms', to: '+17045550101', body: 'Code ******', dedupeKey: 'code-1', at, status: 'sent' })).toBe(true);
      expect(await r.outbox.pending(10)).toEqual([]);
    });

    it('queues outbox messages once per dedupe key', async () => {
      const at = new Date('2025-03-10T13:00:00Z');
      expect(await r.outbox.enqueue({ channel: 'sms', to: '+17045550101', body: 'Reminder', dedupeKey: 'rem-1', at })).toBe(true);
      expect(await r.outbox.enqueue({ channel: 'sms', to: '+17045550101', body: 'Reminder', dedupeKey: 'rem-1', at })).toBe(false);
      const [m] = await r.outbox.pending(10);
      expect(m).toMatchObject({ dedupeKey: 'rem-1', status: 'pending', createdAt: at });
      await r.outbox.mark(m!.id, 'sent');
      expect(await r.outbox.pending(10)).toEqual([]);
    });

    it('records one payment reminder per account and due date, finds the open ones latest first, and counts code tries up to a limit even when they race', async () => {
      const sentAt = new Date('2025-03-10T14:00:00Z');
      const reminder = (id: string, accountId: string, dueDate: string) => ({
        id,
        customerId: 'cus_jordan_avery',
        accountId,
        dueDate,
        amountDueCents: 41236,
        codeHash: 'a'.repeat(64),
        sentAt,
        expiresOn: dueDate,
      });
      expect(await r.reminders.create(reminder('rem-civic', 'acc_4100020001', '2025-03-17'))).toBe(true);
      expect(await r.reminders.create(reminder('rem-civic-again', 'acc_4100020001', '2025-03-17'))).toBe(false);
      expect(await r.reminders.create(reminder('rem-jeep', 'acc_4100020005', '2025-03-25'))).toBe(true);

      expect((await r.reminders.openFor('cus_jordan_avery', '2025-03-10')).map((x) => x.id)).toEqual(['rem-jeep', 'rem-civic']);
      expect((await r.reminders.openFor('cus_jordan_avery', '2025-03-17')).map((x) => x.id)).toEqual(['rem-jeep', 'rem-civic']);
      expect((await r.reminders.openFor('cus_jordan_avery', '2025-03-18')).map((x) => x.id)).toEqual(['rem-jeep']);
      expect(await r.reminders.openFor('cus_maria_lopez', '2025-03-10')).toEqual([]);
      const [, civic] = await r.reminders.openFor('cus_jordan_avery', '2025-03-10');
      expect(civic).toEqual({ ...reminder('rem-civic', 'acc_4100020001', '2025-03-17'), codeAttempts: 0 });

      const claims = await Promise.all(Array.from({ length: 8 }, () => r.reminders.claimCodeAttempt('rem-civic', 3)));
      expect(claims.filter(Boolean)).toHaveLength(3);
      expect(await r.reminders.claimCodeAttempt('rem-civic', 3)).toBe(false);
      expect(await r.reminders.claimCodeAttempt('rem-jeep', 3)).toBe(true);
      expect(await r.reminders.claimCodeAttempt('no-such-reminder', 3)).toBe(false);
      expect((await r.reminders.openFor('cus_jordan_avery', '2025-03-10')).map((x) => [x.id, x.codeAttempts])).toEqual([
        ['rem-jeep', 1],
        ['rem-civic', 3],
      ]);
    });

    it('saves sessions with optimistic concurrency', async () => {
      const at = new Date('2025-03-10T14:00:00Z');
      expect(await r.sessions.load('sess')).toBeNull();
      expect(await r.sessions.save('sess', { step: 1, nested: { a: [1, 2] } }, 0, at)).toBe(1);
      expect(await r.sessions.save('sess', { step: 9 }, 0, at)).toBeNull();
      expect(await r.sessions.save('sess', { step: 2 }, 1, at)).toBe(2);
      expect(await r.sessions.save('sess', { step: 3 }, 1, at)).toBeNull();
      expect(await r.sessions.load('sess')).toEqual({ id: 'sess', state: { step: 2 }, version: 2, updatedAt: at });
      const racers = await Promise.all([r.sessions.save('sess', { who: 'a' }, 2, at), r.sessions.save('sess', { who: 'b' }, 2, at)]);
      expect(racers.filter((v) => v === 3)).toHaveLength(1);
      const created = await Promise.all([r.sessions.save('new', { who: 'a' }, 0, at), r.sessions.save('new', { who: 'b' }, 0, at)]);
      expect(created.filter((v) => v === 1)).toHaveLength(1);
      await r.sessions.delete('sess');
      expect(await r.sessions.load('sess')).toBeNull();
    });

    it('records each turn\'s answer with the save that made it, for the life of the session', async () => {
      const at = new Date('2025-03-10T14:00:00Z');
      const answer = { messages: [{ key: 'menu.ask' }], end: false };
      expect(await r.sessions.loadForTurn('call', 'CA1:0')).toEqual({ session: null, answer: null });
      expect(await r.sessions.save('call', { step: 1 }, 0, at, { turnKey: 'CA1:0', output: answer })).toBe(1);
      expect(await r.sessions.loadForTurn('call', 'CA1:0')).toEqual({ session: { id: 'call', state: { step: 1 }, version: 1, updatedAt: at }, answer });
      expect((await r.sessions.loadForTurn('call', 'CA1:1')).answer).toBeNull();
      // A save that loses the version check records nothing.
      expect(await r.sessions.save('call', { step: 9 }, 0, at, { turnKey: 'CA1:1', output: { lost: true } })).toBeNull();
      expect((await r.sessions.loadForTurn('call', 'CA1:1')).answer).toBeNull();
      // A turn key already answered cannot be answered again, and its save does not happen either.
      expect(await r.sessions.save('call', { step: 2 }, 1, at, { turnKey: 'CA1:0', output: { again: true } })).toBeNull();
      expect(await r.sessions.loadForTurn('call', 'CA1:0')).toMatchObject({ session: { state: { step: 1 }, version: 1 }, answer });
      for (let step = 1; step <= 40; step++) {
        expect(await r.sessions.save('call', { step }, step, at, { turnKey: `CA1:${step}`, output: { step } })).toBe(step + 1);
      }
      expect((await r.sessions.loadForTurn('call', 'CA1:0')).answer).toEqual(answer);
      expect((await r.sessions.loadForTurn('other', 'CA1:0')).answer).toBeNull();
      await r.sessions.delete('call');
      expect(await r.sessions.loadForTurn('call', 'CA1:0')).toEqual({ session: null, answer: null });
      // A new session under the same id starts with no answers.
      expect(await r.sessions.save('call', { step: 1 }, 0, at, { turnKey: 'CA1:0', output: { fresh: true } })).toBe(1);
      expect((await r.sessions.loadForTurn('call', 'CA1:0')).answer).toEqual({ fresh: true });
    });

    it('writes audit entries', async () => {
      await expect(
        r.audit.record({ kind: 'handoff', sessionId: 's', customerId: null, accountId: null, details: { reason: 'asked', n: 1, b: true, z: null }, at: new Date() }),
      ).resolves.toBeUndefined();
    });
  });
}
