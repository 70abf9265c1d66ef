import { demoWorld, jordan, maria, priya, blueRidge, type World } from './helpers';
import { smsKeyword } from '../../core/alerts';

describe('account summary', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('shows María the amount due with the past due and a payoff good for 10 days', async () => {
    const r = await w.services.accounts.summary(maria, 'acc_4100020002');
    expect(r).toMatchObject({
      ok: true,
      value: { amountDueCents: 117820, pastDueCents: 58910, dueDate: '2025-03-15', payoff: { amountCents: 2_191_448, goodThrough: '2025-03-20' }, autoPay: null },
    });
  });

  it('lists only the verified customer’s own accounts', async () => {
    expect((await w.services.accounts.list(jordan)).map((a) => a.accountNumber)).toEqual(['4100020001', '4100020005']);
    expect(await w.services.accounts.summary(jordan, 'acc_4100020002')).toEqual({ ok: false, code: 'ACCOUNT.NOT_FOUND' });
  });

  it('shows Auto Pay on the business account summary', async () => {
    expect(await w.services.accounts.summary(blueRidge, 'acc_4100020004')).toMatchObject({ ok: true, value: { autoPay: { dayOfMonth: 15, bankAccountLast4: '1122' } } });
  });
});

describe('Auto Pay', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('reports the business enrollment with its next draft', async () => {
    expect(await w.services.autopay.status(blueRidge, 'acc_4100020004')).toEqual({
      ok: true,
      value: { enrolled: true, dayOfMonth: 15, bankAccountLast4: '1122', nextDraft: '2025-03-15' },
    });
  });

  it('enrolls Jordan with the bank on file, changes the day, then cancels', async () => {
    expect(await w.services.autopay.enroll(jordan, { accountId: 'acc_4100020001', dayOfMonth: 5, funding: { kind: 'bank_on_file' } })).toMatchObject({
      ok: true,
      value: { enrolled: true, dayOfMonth: 5, bankAccountLast4: '4321', nextDraft: '2025-04-05' },
    });
    expect(await w.services.autopay.changeDay(jordan, 'acc_4100020001', 28)).toMatchObject({ ok: true, value: { dayOfMonth: 28, nextDraft: '2025-03-28' } });
    expect(await w.services.autopay.cancel(jordan, 'acc_4100020001')).toMatchObject({ ok: true, value: { enrolled: false } });
    expect(await w.services.autopay.cancel(jordan, 'acc_4100020001')).toEqual({ ok: false, code: 'AUTOPAY.NOT_ENROLLED' });
    expect(w.repos.auditRows().map((r) => r.kind)).toEqual(['autopay.enrolled', 'autopay.changed', 'autopay.cancelled']);
  });

  it.each([0, 29, 31, 2.5])('refuses draft day %p', async (day) => {
    expect(await w.services.autopay.enroll(jordan, { accountId: 'acc_4100020001', dayOfMonth: day, funding: { kind: 'bank_on_file' } })).toMatchObject({ code: 'AUTOPAY.DAY_RANGE' });
  });

  it('enrolls María with a new bank account, keeping only the token and last 4', async () => {
    const r = await w.services.autopay.enroll(maria, { accountId: 'acc_4100020002', dayOfMonth: 1, funding: { kind: 'bank_new', routingNumber: '011000015', accountNumber: '44445555' } });
    expect(r).toMatchObject({ ok: true, value: { bankAccountLast4: '5555' } });
    const e = await w.repos.autopay.forAccount('acc_4100020002');
    expect(JSON.stringify(e)).not.toContain('44445555');
    expect(await w.services.autopay.enroll(maria, { accountId: 'acc_4100020002', dayOfMonth: 1, funding: { kind: 'bank_new', routingNumber: '011000016', accountNumber: '44445555' } })).toMatchObject({ code: 'PAYMENT.ROUTING_INVALID' });
  });

  it('refuses changing the day when not enrolled, and enrolling a paid-off account', async () => {
    expect(await w.services.autopay.changeDay(jordan, 'acc_4100020005', 3)).toEqual({ ok: false, code: 'AUTOPAY.NOT_ENROLLED' });
    expect(await w.services.autopay.enroll(priya, { accountId: 'acc_4100020003', dayOfMonth: 3, funding: { kind: 'bank_on_file' } })).toEqual({ ok: false, code: 'AUTOPAY.ACCOUNT_PAID_OFF' });
    expect(await w.services.autopay.enroll(maria, { accountId: 'acc_4100020002', dayOfMonth: 3, funding: { kind: 'bank_on_file' } })).toEqual({ ok: false, code: 'PAYMENT.NO_BANK_ON_FILE' });
  });
});

describe('title and lien release', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('tells Priya her title was mailed and when to expect it', async () => {
    expect(await w.services.title.status(priya, 'acc_4100020003')).toMatchObject({
      ok: true,
      value: { state: 'title_mailed', expectedDelivery: '2025-03-17', emailUpdates: false, carrier: 'USPS' },
    });
  });

  it('opts Priya in and out of emailed updates', async () => {
    expect(await w.services.title.setEmailUpdates(priya, 'acc_4100020003', true)).toMatchObject({ ok: true, value: { emailUpdates: true } });
    expect(await w.services.title.setEmailUpdates(priya, 'acc_4100020003', false)).toMatchObject({ ok: true, value: { emailUpdates: false } });
  });

  it('says an account still being paid has no title news yet', async () => {
    expect(await w.services.title.status(jordan, 'acc_4100020001')).toMatchObject({ ok: true, value: { state: 'not_paid_off', milestones: [] } });
    expect(await w.services.title.setEmailUpdates(jordan, 'acc_4100020001', true)).toEqual({ ok: false, code: 'TITLE.NOT_PAID_OFF' });
  });

  it('needs an email address to opt in', async () => {
    await w.repos.customers.update('cus_priya_shah', { email: null });
    expect(await w.services.title.setEmailUpdates(priya, 'acc_4100020003', true)).toEqual({ ok: false, code: 'TITLE.NO_EMAIL' });
  });
});

describe('FICO® Score', () => {
  it('gives the latest score with its factors, and none for the business', async () => {
    const w = await demoWorld();
    expect(await w.services.fico.latest(jordan)).toMatchObject({ score: 742, asOf: '2025-02-24', factors: ['credit_utilization', 'length_of_history'] });
    expect(await w.services.fico.latest(maria)).toMatchObject({ score: 688 });
    expect(await w.services.fico.latest(priya)).toMatchObject({ score: 801 });
    expect(await w.services.fico.latest(blueRidge)).toBeNull();
  });
});

describe('text alerts', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });

  it('opts Priya in to text alerts, then out', async () => {
    expect(await w.services.alerts.setTextAlerts(priya, true)).toEqual({ ok: true, value: { textAlerts: true, smsOptedOut: false, mobileLast4: '0143' } });
    expect(await w.services.alerts.maySendTo('+13125550143')).toBe(true);
    expect(await w.services.alerts.setTextAlerts(priya, false)).toMatchObject({ ok: true, value: { textAlerts: false } });
    expect(await w.services.alerts.maySendTo('+13125550143')).toBe(false);
  });

  it('when Jordan texts STOP, nothing more may be sent until START', async () => {
    expect(await w.services.alerts.recordSmsKeyword('+17045550101', 'stop')).toMatchObject({ ok: true, value: { smsOptedOut: true, textAlerts: true } });
    expect(await w.services.alerts.maySendTo('+17045550101')).toBe(false);
    expect((await w.repos.customers.textAlertSubscribers()).map((c) => c.id)).toEqual(['cus_maria_lopez']);
    expect(await w.services.alerts.setTextAlerts(jordan, true)).toEqual({ ok: false, code: 'ALERTS.SMS_OPTED_OUT' });
    await w.services.alerts.recordSmsKeyword('+17045550101', 'start');
    expect(await w.services.alerts.maySendTo('+17045550101')).toBe(true);
  });

  it('ignores keywords from unknown numbers', async () => {
    expect(await w.services.alerts.recordSmsKeyword('+15550009999', 'stop')).toEqual({ ok: false, code: 'ALERTS.UNKNOWN_NUMBER' });
  });

  it.each([
    ['STOP', 'stop'],
    [' unsubscribe ', 'stop'],
    ['Quit', 'stop'],
    ['start', 'start'],
    ['UNSTOP', 'start'],
    ['help', 'help'],
    ['Alto', 'stop'],
    ['BAJA', 'stop'],
    ['inicio', 'start'],
    ['AYUDA', 'help'],
    ['stop sending that', null],
    ['PAY', null],
  ])('reads %p as %p', (body, keyword) => {
    expect(smsKeyword(body)).toBe(keyword);
  });
});
