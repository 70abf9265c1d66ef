import { demoWorld, type World } from './helpers';

const JORDAN_SSN = '401-22-7788';

describe('verifying identity', () => {
  let w: World;
  beforeEach(async () => {
    w = await demoWorld();
  });
  const verify = (taxId: string, accountReference: string, sessionId = 's1', callerId: string | null = null) =>
    w.services.identity.verify({ sessionId, channel: 'voice', callerId, taxId, accountReference });

  it.each([
    ['the full VIN', '2HGFE2F5XMH512345'],
    ['the last 6 of the VIN', '512345'],
    ['the account number', '4100020001'],
    ['the other vehicle VIN', '1C4RJFBG1KC716554'],
  ])('when Jordan gives the SSN and %s, then both of his accounts come back', async (_label, ref) => {
    const r = await verify(JORDAN_SSN, ref);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.customer.name).toBe('Jordan Avery');
    expect(r.value.accounts.map((a) => a.accountNumber)).toEqual(['4100020001', '4100020005']);
  });

  it('verifies the business by its EIN', async () => {
    const r = await verify('56-1234567', '4100020004');
    expect(r).toMatchObject({ ok: true, value: { customer: { kind: 'business' } } });
  });

  it('when the SSN belongs to someone else, then there is no match and two tries remain', async () => {
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
  });

  it('when the account does not exist, then there is no match', async () => {
    expect(await verify(JORDAN_SSN, '4199999999')).toMatchObject({ ok: false, code: 'IDENTITY.NO_MATCH' });
  });

  it('when the SSN is malformed, then it says so and it does not count as an attempt', async () => {
    expect(await verify('000-22-7788', '4100020001')).toMatchObject({ code: 'IDENTITY.SSN_AREA_INVALID' });
    expect(await verify('533-18-2046', '4100020001')).toMatchObject({ code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
  });

  it('when a VIN has a bad check digit, then it says so', async () => {
    expect(await verify(JORDAN_SSN, '2HGFE2F5XMH512346')).toMatchObject({ code: 'IDENTITY.VIN_CHECK_DIGIT' });
  });

  it('when a caller enters a wrong SSN three times, then the session locks for 30 minutes', async () => {
    await verify('533-18-2046', '4100020001');
    await verify('533-18-2046', '4100020001');
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.LOCKED', params: { minutes: 30 } });
    w.clock.advanceMinutes(10);
    expect(await verify(JORDAN_SSN, '4100020001')).toEqual({ ok: false, code: 'IDENTITY.LOCKED', params: { minutes: 20 } });
    expect(await w.services.identity.lockedMinutes('s1')).toBe(20);
  });

  it('when the lock has run out, then the right answer verifies again', async () => {
    for (let i = 0; i < 3; i++) await verify('533-18-2046', '4100020001');
    w.clock.advanceMinutes(30);
    expect((await verify(JORDAN_SSN, '4100020001')).ok).toBe(true);
  });

  it('locks the account across sessions after three failures on it', async () => {
    await verify('533-18-2046', '4100020001', 'a');
    await verify('533-18-2046', '4100020001', 'b');
    expect(await verify('533-18-2046', '4100020001', 'c')).toMatchObject({ code: 'IDENTITY.LOCKED' });
    // A fresh session with the right SSN still cannot get into the locked account...
    expect(await verify(JORDAN_SSN, '4100020001', 'd')).toMatchObject({ code: 'IDENTITY.LOCKED', params: { minutes: 30 } });
    // ...but the session lock is per session, so the other vehicle still works.
    expect((await verify(JORDAN_SSN, '4100020005', 'd')).ok).toBe(true);
  });

  it('locks a calling number across sessions and accounts', async () => {
    await verify('533-18-2046', '4100020001', 'a', '+15550001111');
    await verify('533-18-2046', '4100020005', 'b', '+15550001111');
    expect(await verify('612-09-3345', '4100020002', 'c', '+15550001111')).toMatchObject({ code: 'IDENTITY.LOCKED' });
    expect(await verify(JORDAN_SSN, '4100020001', 'd', '+15550001111')).toMatchObject({ code: 'IDENTITY.LOCKED' });
    expect((await verify(JORDAN_SSN, '4100020001', 'e', '+15550002222')).ok).toBe(true);
  });

  it('does not count failures older than 30 minutes', async () => {
    await verify('533-18-2046', '4100020001');
    await verify('533-18-2046', '4100020001');
    w.clock.advanceMinutes(31);
    expect(await verify('533-18-2046', '4100020001')).toMatchObject({ code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
  });

  it('forgets earlier failures once the session verifies', async () => {
    await verify('533-18-2046', '4100020001');
    await verify('533-18-2046', '4100020001');
    expect((await verify(JORDAN_SSN, '4100020001')).ok).toBe(true);
    w.clock.advanceMinutes(1);
    expect(await verify('533-18-2046', '4100020001')).toMatchObject({ code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
  });

  it('audits every attempt with the last 4 only', async () => {
    await verify('533-18-2046', '4100020001');
    await verify(JORDAN_SSN, '4100020001');
    const rows = w.repos.auditRows();
    expect(rows.map((r) => r.kind)).toEqual(['identity.failed', 'identity.verified']);
    expect(rows[1]).toMatchObject({ customerId: 'cus_jordan_avery', details: { taxIdLast4: '7788', refKind: 'account_number' } });
    const text = JSON.stringify(rows);
    expect(text).not.toContain('401227788');
    expect(text).not.toContain('533182046');
    expect(text).not.toContain('533-18-2046');
  });
});
