import { demoWorld, jordan, maria, priya, blueRidge, TODAY, type World } from './helpers';
import type { PaymentRequest } from '../../core/payments';

describe('making a payment', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });
  const civic = 'acc_4100020001';
  const base = (over: Partial<PaymentRequest> = {}): PaymentRequest => ({
    accountId: civic,
    amount: { kind: 'amount_due' },
    funding: { kind: 'bank_on_file' },
    idempotencyKey: 'turn-1',
    ...over,
  });

  it('when Jordan pays the amount due today from the bank on file, then it posts and the balances drop: interest first, then principal', async () => {
    const r = await w.services.payments.pay(jordan, base());
    expect(r).toMatchObject({ ok: true, value: { duplicate: false, payment: { status: 'posted', amountCents: 41236, scheduledFor: TODAY, method: 'bank_on_file', bankAccountLast4: '4321', routingNumber: '021000021' } } });
    if (r.ok) expect(r.value.payment.confirmationNumber).toMatch(/^\d{10}$/);
    const a = await w.repos.accounts.byId(civic);
    // The payoff is principal plus $39.12 accrued interest: the payment clears the interest, the rest is principal.
    expect(a).toMatchObject({ amountDueCents: 0, principalCents: 1_425_080 - (41236 - 3912), payoffCents: 1_428_992 - 41236 });
  });

  it('when the date is in the future, then it is scheduled and the balances stay', async () => {
    const r = await w.services.payments.pay(jordan, base({ date: '2025-03-20' }));
    expect(r).toMatchObject({ ok: true, value: { payment: { status: 'scheduled', scheduledFor: '2025-03-20' } } });
    expect(await w.repos.accounts.byId(civic)).toMatchObject({ amountDueCents: 41236 });
    const summary = await w.services.accounts.summary(jordan, civic);
    expect(summary.ok && summary.value.scheduled.map((p) => p.scheduledFor)).toEqual(['2025-03-20']);
  });

  it('refuses a date in the past and one more than 30 days out', async () => {
    expect(await w.services.payments.pay(jordan, base({ date: '2025-03-09' }))).toMatchObject({ code: 'PAYMENT.DATE_IN_PAST' });
    expect(await w.services.payments.pay(jordan, base({ date: '2025-04-10' }))).toMatchObject({ code: 'PAYMENT.DATE_TOO_FAR', params: { lastDate: '2025-04-09' } });
  });

  it('uses the lender time zone for today: at 23:30 in New York, today is still today', async () => {
    w.clock.set('2025-03-11T03:30:00Z');
    expect(await w.services.payments.pay(jordan, base({ date: '2025-03-10' }))).toMatchObject({ ok: true, value: { payment: { status: 'posted' } } });
  });

  it('takes another amount and refuses one above the payoff', async () => {
    expect(await w.services.payments.pay(jordan, base({ amount: { kind: 'other', amount: '100.00' } }))).toMatchObject({ ok: true, value: { payment: { amountCents: 10000, kind: 'regular' } } });
    expect(await w.services.payments.pay(jordan, base({ idempotencyKey: 't2', amount: { kind: 'other', amount: '99999.00' } }))).toMatchObject({ code: 'PAYMENT.AMOUNT_ABOVE_PAYOFF' });
    expect(await w.services.payments.pay(jordan, base({ idempotencyKey: 't3', amount: { kind: 'other', amount: '-1' } }))).toMatchObject({ code: 'PAYMENT.AMOUNT_NOT_POSITIVE' });
    expect(await w.services.payments.pay(jordan, base({ idempotencyKey: 't4', amount: { kind: 'other', amount: '1.005' } }))).toMatchObject({ code: 'PAYMENT.AMOUNT_TOO_PRECISE' });
  });

  it('applies an extra-principal payment to principal and not to the amount due', async () => {
    const r = await w.services.payments.pay(jordan, base({ amount: { kind: 'principal', amount: '500' } }));
    expect(r).toMatchObject({ ok: true, value: { payment: { kind: 'principal', amountCents: 50000 } } });
    expect(await w.repos.accounts.byId(civic)).toMatchObject({ amountDueCents: 41236, principalCents: 1_425_080 - 50000 });
  });

  it('when María pays more than her amount due, the past due clears first, the interest is paid and the rest goes to principal', async () => {
    const truck = 'acc_4100020002';
    const r = await w.services.payments.pay(maria, { ...base(), accountId: truck, funding: { kind: 'bank_new', routingNumber: '021000021', accountNumber: '5556667777' }, amount: { kind: 'other', amount: '1200.00' } });
    expect(r.ok).toBe(true);
    expect(await w.repos.accounts.byId(truck)).toMatchObject({ amountDueCents: 0, pastDueCents: 0, principalCents: 2_184_033 - (120000 - 7415), payoffCents: 2_191_448 - 120000 });
  });

  it('when a new bank account is used, the number goes to the vault and only token and last 4 are kept', async () => {
    const r = await w.services.payments.pay(maria, { ...base(), accountId: 'acc_4100020002', funding: { kind: 'bank_new', routingNumber: '011000015', accountNumber: '9876543210123' } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.value.payment;
    expect(p).toMatchObject({ method: 'bank_new', bankAccountLast4: '0123', routingNumber: '011000015' });
    expect(p.bankAccountToken).toMatch(/^bat_[0-9a-f]{32}$/);
    expect(JSON.stringify(p)).not.toContain('9876543210123');
    expect(await w.repos.vault.reveal(p.bankAccountToken!)).toEqual({ routingNumber: '011000015', accountNumber: '9876543210123' });
    expect(JSON.stringify(w.repos.auditRows())).not.toContain('9876543210123');
  });

  it('refuses a bad routing number and a bad account number', async () => {
    const pay = (routingNumber: string, accountNumber: string) =>
      w.services.payments.pay(maria, { ...base(), accountId: 'acc_4100020002', funding: { kind: 'bank_new', routingNumber, accountNumber } });
    expect(await pay('021000022', '12345678')).toEqual({ ok: false, code: 'PAYMENT.ROUTING_INVALID' });
    expect(await pay('021000021', '123')).toEqual({ ok: false, code: 'PAYMENT.ACCOUNT_NUMBER_INVALID' });
  });

  it('when there is no bank on file, then it says so', async () => {
    expect(await w.services.payments.pay(maria, { ...base(), accountId: 'acc_4100020002' })).toEqual({ ok: false, code: 'PAYMENT.NO_BANK_ON_FILE' });
  });

  it('refuses a payment on a paid-off account', async () => {
    expect(await w.services.payments.pay(priya, { ...base(), accountId: 'acc_4100020003', amount: { kind: 'other', amount: '10' } })).toEqual({ ok: false, code: 'PAYMENT.ACCOUNT_PAID_OFF' });
  });

  it("refuses another customer's account without saying it exists", async () => {
    expect(await w.services.payments.pay(maria, base())).toEqual({ ok: false, code: 'ACCOUNT.NOT_FOUND' });
    expect(await w.services.payments.history(blueRidge, civic)).toEqual({ ok: false, code: 'ACCOUNT.NOT_FOUND' });
  });

  it('when the same turn is retried, then the first payment comes back and nothing new is recorded', async () => {
    const first = await w.services.payments.pay(jordan, base());
    const second = await w.services.payments.pay(jordan, base());
    expect(second).toMatchObject({ ok: true, value: { duplicate: true } });
    if (!first.ok || !second.ok) return;
    expect(second.value.payment.confirmationNumber).toBe(first.value.payment.confirmationNumber);
    const history = await w.repos.payments.history(civic, 100);
    expect(history.filter((p) => p.idempotencyKey === 'turn-1')).toHaveLength(1);
    expect(await w.repos.accounts.byId(civic)).toMatchObject({ amountDueCents: 0, payoffCents: 1_428_992 - 41236 });
  });

  it('when two requests with one key race, only one payment is made', async () => {
    const [a, b] = await Promise.all([w.services.payments.pay(jordan, base()), w.services.payments.pay(jordan, base())]);
    expect([a, b].filter((r) => r.ok && r.value.duplicate)).toHaveLength(1);
    expect((await w.repos.payments.history(civic, 100)).filter((p) => p.idempotencyKey === 'turn-1')).toHaveLength(1);
  });

  it('refuses a reused key on another account', async () => {
    await w.services.payments.pay(jordan, base());
    expect(await w.services.payments.pay(jordan, base({ accountId: 'acc_4100020005' }))).toEqual({ ok: false, code: 'PAYMENT.IDEMPOTENCY_CONFLICT' });
  });

  it('when the payoff is paid in full, then the account is paid off', async () => {
    const jeep = 'acc_4100020005';
    const r = await w.services.payments.pay(jordan, base({ accountId: jeep, amount: { kind: 'other', amount: '6137.33' } }));
    expect(r.ok).toBe(true);
    expect(await w.repos.accounts.byId(jeep)).toMatchObject({ status: 'paid_off', payoffCents: 0, amountDueCents: 0, nextDueDate: null, paidOffOn: TODAY });
  });

  it('when the amount due is zero, then paying the amount due is refused', async () => {
    await w.services.payments.pay(jordan, base());
    expect(await w.services.payments.pay(jordan, base({ idempotencyKey: 'turn-2' }))).toEqual({ ok: false, code: 'PAYMENT.NOTHING_DUE' });
  });

  it('lists history newest first, including a new payment', async () => {
    await w.services.payments.pay(jordan, base());
    const r = await w.services.payments.history(jordan, civic, 3);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toHaveLength(3);
    expect(r.value[0]!.scheduledFor).toBe(TODAY);
    const dates = r.value.map((p) => p.scheduledFor);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('audits a payment with last 4 only, and a retry as a duplicate', async () => {
    await w.services.payments.pay(jordan, base());
    await w.services.payments.pay(jordan, base());
    const rows = w.repos.auditRows();
    expect(rows.map((r) => r.kind)).toEqual(['payment.created', 'payment.duplicate']);
    expect(rows[0]!.details).toMatchObject({ amountCents: 41236, bankAccountLast4: '4321', status: 'posted' });
    expect(JSON.stringify(rows)).not.toContain('000123454321');
  });

  it('gives each payment its own 10-digit confirmation number', async () => {
    const numbers = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const r = await w.services.payments.pay(jordan, base({ idempotencyKey: `k${i}`, amount: { kind: 'other', amount: 100 + i } }));
      if (r.ok) numbers.add(r.value.payment.confirmationNumber);
    }
    expect(numbers.size).toBe(20);
    for (const n of numbers) expect(n).toMatch(/^[1-9]\d{9}$/);
  });

  it('offers the options the prompts need', async () => {
    expect(await w.services.payments.options(jordan, civic)).toEqual({
      ok: true,
      value: { amountDueCents: 41236, pastDueCents: 0, payoffCents: 1_428_992, nextDueDate: '2025-03-22', today: TODAY, lastDate: '2025-04-09', bankOnFile: { last4: '4321' } },
    });
    expect(w.services.payments.checkBankAccountNumber('000123454321')).toEqual({ ok: true, value: { last4: '4321' } });
  });
});
