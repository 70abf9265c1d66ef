import type { Repositories, StoreWriter, NewPayment } from '../../core/store/ports';
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

    it('records a posted payment and decrements the balances in one go', async () => {
      const before = (await r.accounts.byId('acc_4100020005'))!;
      const res = await r.payments.record(payment({ amountCents: 2000 }), { ...noDecrement, amountDueCents: 2000, payoffCents: 2000 });
      expect(res.duplicate).toBe(false);
      expect(res.payment).toMatchObject({ amountCents: 2000, status: 'posted', bankAccountLast4: '4321' });
      expect(res.payment.id).toBeTruthy();
      expect(res.payment.createdAt).toBeInstanceOf(Date);
      expect(await r.accounts.byId('acc_4100020005')).toMatchObject({ amountDueCents: before.amountDueCents - 2000, payoffCents: before.payoffCents - 2000 });
    });

    it('returns the first payment for a repeated idempotency key and records nothing more', async () => {
      const p = payment({ idempotencyKey: 'same-key' });
      const first = await r.payments.record(p, null);
      const second = await r.payments.record({ ...p, confirmationNumber: '1234509876' }, { ...noDecrement, payoffCents: 1000 });
      expect(second).toEqual({ payment: first.payment, duplicate: true });
      expect(await r.payments.byIdempotencyKey('same-key')).toEqual(first.payment);
    });

    it('lets only one of two racing requests with one key record a payment', async () => {
      const before = (await r.accounts.byId('acc_4100020005'))!;
      const p = payment({ idempotencyKey: 'race-key', amountCents: 500 });
      const dec = { ...noDecrement, payoffCents: 500, principalCents: 500 };
      const results = await Promise.all([
        r.payments.record({ ...p, confirmationNumber: '2000000001' }, dec),
        r.payments.record({ ...p, confirmationNumber: '2000000002' }, dec),
        r.payments.record({ ...p, confirmationNumber: '2000000003' }, dec),
      ]);
      expect(results.filter((x) => !x.duplicate)).toHaveLength(1);
      expect(new Set(results.map((x) => x.payment.id)).size).toBe(1);
      expect((await r.accounts.byId('acc_4100020005'))!.payoffCents).toBe(before.payoffCents - 500);
    });

    it('refuses a confirmation number already used', async () => {
      await r.payments.record(payment({ confirmationNumber: '3000000001' }), null);
      await expect(r.payments.record(payment({ confirmationNumber: '3000000001' }), null)).rejects.toBeInstanceOf(ConfirmationNumberTakenError);
    });

    it('refuses a decrement that would overdraw, recording nothing', async () => {
      const before = (await r.accounts.byId('acc_4100020001'))!;
      const p = payment({ accountId: 'acc_4100020001', idempotencyKey: 'overdraw' });
      await expect(r.payments.record(p, { ...noDecrement, amountDueCents: before.amountDueCents + 1 })).rejects.toBeInstanceOf(BalanceChangedError);
      expect(await r.payments.byIdempotencyKey('overdraw')).toBeNull();
      expect(await r.accounts.byId('acc_4100020001')).toEqual(before);
    });

    it('marks an account paid off when told', async () => {
      const a = (await r.accounts.byId('acc_4100020004'))!;
      await r.payments.record(payment({ accountId: a.id, amountCents: a.payoffCents }), {
        amountDueCents: a.amountDueCents,
        pastDueCents: 0,
        principalCents: a.principalCents,
        payoffCents: a.payoffCents,
        paidOffOn: CONTRACT_TODAY,
      });
      expect(await r.accounts.byId(a.id)).toMatchObject({ status: 'paid_off', payoffCents: 0, principalCents: 0, amountDueCents: 0, nextDueDate: null, paidOffOn: CONTRACT_TODAY });
    });

    it('lists history newest first with a limit, and scheduled payments earliest first', async () => {
      await r.payments.record(payment({ accountId: 'acc_4100020002', status: 'scheduled', scheduledFor: '2025-03-25' }), null);
      await r.payments.record(payment({ accountId: 'acc_4100020002', status: 'scheduled', scheduledFor: '2025-03-20' }), null);
      const history = await r.payments.history('acc_4100020002', 4);
      expect(history.map((p) => p.scheduledFor)).toEqual(['2025-03-25', '2025-03-20', '2025-01-14', '2024-12-15']);
      expect((await r.payments.pending('acc_4100020002')).map((p) => p.scheduledFor)).toEqual(['2025-03-20', '2025-03-25']);
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

    it('writes audit entries', async () => {
      await expect(
        r.audit.record({ kind: 'handoff', sessionId: 's', customerId: null, accountId: null, details: { reason: 'asked', n: 1, b: true, z: null }, at: new Date() }),
      ).resolves.toBeUndefined();
    });
  });
}
