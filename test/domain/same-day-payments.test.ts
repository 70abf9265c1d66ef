import { demoWorld, jordan, TODAY, type World } from './helpers';
import type { PaymentRequest } from '../../core/payments';

/**
 * A payment is decided when it is recorded, on the account as it is then:
 * an amount due offered earlier is not paid if it has been paid meanwhile,
 * and the same amount to the same account for the same date is only paid
 * again when the customer, told about the first, says so.
 */
describe('paying the same amount twice on one day', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });
  const civic = 'acc_4100020001';
  const jeep = 'acc_4100020005';
  const pay = (key: string, over: Partial<PaymentRequest> = {}) =>
    w.services.payments.pay(jordan, { accountId: civic, amount: { kind: 'amount_due', offeredCents: 41236 }, funding: { kind: 'bank_on_file' }, idempotencyKey: key, ...over });

  it('when the amount due offered is still due, then it posts as a regular payment and nothing stays due', async () => {
    expect(await pay('a')).toMatchObject({ ok: true, value: { payment: { amountCents: 41236, kind: 'regular', status: 'posted' } } });
    expect(await w.repos.accounts.byId(civic)).toMatchObject({ amountDueCents: 0 });
  });

  it('when the same amount was already paid today, then the second is refused with the first one to ask about, and nothing moves', async () => {
    const first = await pay('a');
    const before = await w.repos.accounts.byId(civic);
    const second = await pay('b');
    expect(second).toEqual({
      ok: false,
      code: 'PAYMENT.SAME_DAY_REPEAT',
      params: { amountCents: 41236, confirmation: first.ok ? first.value.payment.confirmationNumber : '', date: TODAY, status: 'posted' },
    });
    expect(await w.repos.accounts.byId(civic)).toEqual(before);
    expect(await w.repos.payments.byIdempotencyKey('b')).toBeNull();
  });

  it('when the customer says to pay the amount due again but it is already paid, then nothing is paid: it is no longer due', async () => {
    const first = await pay('a');
    if (!first.ok) throw new Error('first payment failed');
    expect(await pay('b', { repeatOf: first.value.payment.confirmationNumber })).toEqual({ ok: false, code: 'PAYMENT.AMOUNT_DUE_PAID', params: { amountCents: 0 } });
    expect((await w.repos.payments.history(civic, 100)).filter((p) => p.scheduledFor === TODAY)).toHaveLength(1);
  });

  it('when part of the amount due was paid since it was offered, then the amount due is not paid and the new amount due is given', async () => {
    await pay('a', { amount: { kind: 'other', amount: 10000 } });
    expect(await pay('b')).toEqual({ ok: false, code: 'PAYMENT.AMOUNT_DUE_CHANGED', params: { amountCents: 31236 } });
  });

  it('when the customer confirms paying the same other amount again, then it pays again, once per confirmation', async () => {
    const first = await pay('a', { amount: { kind: 'other', amount: 5000 } });
    if (!first.ok) throw new Error('first payment failed');
    const again = await pay('b', { amount: { kind: 'other', amount: 5000 }, repeatOf: first.value.payment.confirmationNumber });
    expect(again).toMatchObject({ ok: true, value: { duplicate: false, payment: { amountCents: 5000 } } });
    if (!again.ok) return;
    // The confirmation named the first payment; a third needs the customer to know of the second.
    expect(await pay('c', { amount: { kind: 'other', amount: 5000 }, repeatOf: first.value.payment.confirmationNumber })).toMatchObject({
      ok: false,
      code: 'PAYMENT.SAME_DAY_REPEAT',
      params: { confirmation: again.value.payment.confirmationNumber },
    });
    const account = await w.repos.accounts.byId(civic);
    expect(account).toMatchObject({ payoffCents: 1_428_992 - 10000, amountDueCents: 41236 - 10000 });
  });

  it('when a payment of the same amount is scheduled for a date, then scheduling it again for that date asks, and another date does not', async () => {
    const first = await pay('a', { date: '2025-03-20' });
    expect(first).toMatchObject({ ok: true, value: { payment: { status: 'scheduled' } } });
    expect(await pay('b', { date: '2025-03-20' })).toMatchObject({ ok: false, code: 'PAYMENT.SAME_DAY_REPEAT', params: { status: 'scheduled', date: '2025-03-20' } });
    expect(await pay('c', { date: '2025-03-21' })).toMatchObject({ ok: true });
  });

  it('when the same amount goes to another account, then it is not a repeat', async () => {
    await pay('a', { amount: { kind: 'other', amount: 5000 } });
    expect(await pay('b', { accountId: jeep, amount: { kind: 'other', amount: 5000 } })).toMatchObject({ ok: true });
  });

  it('when a retried turn arrives after the balances moved, then it still gets its first payment back, not a question', async () => {
    const first = await pay('a');
    const retry = await pay('a');
    expect(retry).toMatchObject({ ok: true, value: { duplicate: true } });
    if (first.ok && retry.ok) expect(retry.value.payment.confirmationNumber).toBe(first.value.payment.confirmationNumber);
  });

  it('when many payments race for one account, then the balances move by exactly what was recorded', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => pay(`race-${i}`, { amount: { kind: 'other', amount: 1000 + (i % 2) } })));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok && r.code === 'PAYMENT.SAME_DAY_REPEAT')).toHaveLength(6);
    expect(await w.repos.accounts.byId(civic)).toMatchObject({ payoffCents: 1_428_992 - 2001 });
  });

  it('when a principal payment brings the payoff below the amount due, then no more than the payoff is due', async () => {
    const account = (await w.repos.accounts.byId(jeep))!;
    const leave = 10000;
    expect(await pay('a', { accountId: jeep, amount: { kind: 'principal', amount: account.payoffCents - leave } })).toMatchObject({ ok: true });
    const after = (await w.repos.accounts.byId(jeep))!;
    expect(after).toMatchObject({ payoffCents: leave, amountDueCents: leave });
    expect(after.principalCents).toBeLessThanOrEqual(after.payoffCents);
  });
});
