import { createIdentityService, type CodeTexter, type IdentityService, type VerificationPolicy, type VerifyRequest } from '../../core/identity';
import type { IdentityDeps } from '../../core/identity/verify-identity';
import { keyRing } from '../../core/security/key-ring';
import { demoWorld, HASH_KEY, type World } from './helpers';

const JORDAN_SSN = '401-22-7788';

const req = (taxId: string, accountReference: string, sessionId = 's1', callerId: string | null = null): VerifyRequest => ({
  sessionId,
  channel: 'voice',
  callerId,
  taxId,
  accountReference,
});

function deps(w: World): IdentityDeps {
  return {
    customers: w.repos.customers,
    accounts: w.repos.accounts,
    verification: w.repos.verification,
    audit: w.services.audit,
    clock: w.clock,
    identityHashKey: HASH_KEY,
    taxIdKeys: keyRing({ id: 'k1', key: HASH_KEY }, []),
  };
}

type Texted = Parameters<CodeTexter['send']>[0];

/** The identity service over the world's store with a texter that keeps what it would have sent. */
function withTexter(w: World, policy: Partial<VerificationPolicy> = {}): { identity: IdentityService; texts: Texted[] } {
  const texts: Texted[] = [];
  const identity = createIdentityService({ ...deps(w), policy, codeTexter: { send: async (t) => (texts.push(t), true) } });
  return { identity, texts };
}

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
    expect(r.value).toMatchObject({ customerId: 'cus_jordan_avery', firstName: 'Jordan', business: false });
    expect(r.value.accounts.map((a) => [a.id, a.last4])).toEqual([['acc_4100020001', '0001'], ['acc_4100020005', '0005']]);
  });

  it('verifies the business by its EIN', async () => {
    const r = await verify('56-1234567', '4100020004');
    expect(r).toMatchObject({ ok: true, value: { business: true } });
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

  it('when a session enters a wrong SSN three times, then it must wait 5 minutes, and each further failure doubles the wait', async () => {
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 1 } });
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.THROTTLED', params: { minutes: 5 } });
    w.clock.advanceMinutes(2);
    // While the session waits, nothing is checked, not even the right answer.
    expect(await verify(JORDAN_SSN, '4100020001')).toEqual({ ok: false, code: 'IDENTITY.THROTTLED', params: { minutes: 3 } });
    expect(await w.services.identity.lockedMinutes('s1')).toBe(3);
    w.clock.advanceMinutes(3);
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.THROTTLED', params: { minutes: 10 } });
    w.clock.advanceMinutes(10);
    expect(await verify('533-18-2046', '4100020001')).toEqual({ ok: false, code: 'IDENTITY.THROTTLED', params: { minutes: 20 } });
    expect(await w.services.identity.lockedMinutes('other-session')).toBe(0);
  });

  it('when the wait has run out, then the right answer gets through (the account then needs a texted code)', async () => {
    const { identity, texts } = withTexter(w);
    for (let i = 0; i < 3; i++) await identity.verify(req('533-18-2046', '4100020001'));
    w.clock.advanceMinutes(5);
    expect(await identity.verify(req(JORDAN_SSN, '4100020001'))).toEqual({ ok: false, code: 'IDENTITY.CODE_SENT', params: { last4: '0101', minutes: 10 } });
    expect((await identity.confirmCode({ sessionId: 's1', channel: 'voice', code: texts[0]!.code })).ok).toBe(true);
  });

  it('when strangers fail three times on Jordan\'s account, then the account is not locked: his right answer texts a code to his mobile and the code verifies him', async () => {
    const { identity, texts } = withTexter(w);
    for (const s of ['a', 'b', 'c']) {
      expect(await identity.verify(req('533-18-2046', '4100020001', s, `+1555000000${s.charCodeAt(0) % 10}`))).toMatchObject({ code: 'IDENTITY.NO_MATCH' });
    }
    const owner = await identity.verify(req(JORDAN_SSN, '4100020001', 'owner', '+17045550101'));
    expect(owner).toEqual({ ok: false, code: 'IDENTITY.CODE_SENT', params: { last4: '0101', minutes: 10 } });
    expect(texts).toEqual([{ to: '+17045550101', locale: 'en', code: expect.stringMatching(/^\d{6}$/), minutes: 10, ref: expect.any(String) }]);
    const done = await identity.confirmCode({ sessionId: 'owner', channel: 'voice', callerId: '+17045550101', code: texts[0]!.code });
    expect(done).toMatchObject({ ok: true, value: { customerId: 'cus_jordan_avery' } });
    // Verified: the failures are forgotten, so the next visit needs no code.
    expect((await identity.verify(req(JORDAN_SSN, '4100020001', 'owner-later', '+17045550101'))).ok).toBe(true);
  });

  it('counts failures on any of the customer\'s vehicles toward the code step-up', async () => {
    const { identity } = withTexter(w);
    await identity.verify(req('533-18-2046', '4100020001', 'a'));
    await identity.verify(req('533-18-2046', '4100020005', 'b'));
    await identity.verify(req('533-18-2046', '2HGFE2F5XMH512345', 'c'));
    expect(await identity.verify(req(JORDAN_SSN, '4100020005', 'owner'))).toMatchObject({ code: 'IDENTITY.CODE_SENT' });
  });

  it('slows a calling number across sessions and accounts, and no other number', async () => {
    await verify('533-18-2046', '4100020001', 'a', '+15550001111');
    await verify('533-18-2046', '4100020005', 'b', '+15550001111');
    expect(await verify('612-09-3345', '4100020002', 'c', '+15550001111')).toEqual({ ok: false, code: 'IDENTITY.THROTTLED', params: { minutes: 5 } });
    expect(await verify(JORDAN_SSN, '4100020001', 'd', '+15550001111')).toMatchObject({ code: 'IDENTITY.THROTTLED' });
    expect((await verify(JORDAN_SSN, '4100020001', 'e', '+15550002222')).ok).toBe(true);
  });

  it('answers the same for an unknown account, a wrong SSN on a real account and an account with recent failures', async () => {
    const { identity } = withTexter(w);
    // Give Jordan's account recent failures from elsewhere first.
    for (const s of ['x1', 'x2', 'x3']) await identity.verify(req('533-18-2046', '4100020001', s, `+1555111000${s.slice(1)}`));
    const tries = async (ref: string, source: string) => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await identity.verify(req('612-09-3345', ref, `${source}-${i}`, source)));
      return answers;
    };
    const unknown = await tries('4199999999', '+15552220001');
    const realAccount = await tries('4100020002', '+15552220002');
    const withFailures = await tries('4100020001', '+15552220003');
    expect(realAccount).toEqual(unknown);
    expect(withFailures).toEqual(unknown);
    expect(unknown.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['IDENTITY.NO_MATCH', 'IDENTITY.NO_MATCH', 'IDENTITY.THROTTLED', 'IDENTITY.THROTTLED', 'IDENTITY.THROTTLED']);
  });

  it('does not count a session\'s failures older than a day toward its wait, nor account failures older than 30 minutes toward the code', async () => {
    const { identity } = withTexter(w);
    await identity.verify(req('533-18-2046', '4100020001'));
    await identity.verify(req('533-18-2046', '4100020001'));
    await identity.verify(req('533-18-2046', '4100020001', 'other'));
    w.clock.advanceMinutes(31);
    expect((await identity.verify(req(JORDAN_SSN, '4100020001', 'owner'))).ok).toBe(true);
    w.clock.advanceMinutes(24 * 60);
    expect(await identity.verify(req('533-18-2046', '4100020001'))).toMatchObject({ code: 'IDENTITY.NO_MATCH', params: { attemptsLeft: 2 } });
  });

  it('when failures are high everywhere, then every right answer needs a code, even on an account with none', async () => {
    const { identity } = withTexter(w, { globalFailures: 5 });
    for (let i = 0; i < 5; i++) await identity.verify(req('533-18-2046', '4199999999', `g${i}`, `+1555333000${i}`));
    expect(await identity.verify(req('612-09-3345', '4100020003', 'priya'))).toEqual({ ok: false, code: 'IDENTITY.CODE_SENT', params: { last4: '0143', minutes: 10 } });
  });

  describe('the texted code', () => {
    async function stepUp(identity: IdentityService, sessionId = 'owner') {
      for (const s of ['a', 'b', 'c']) await identity.verify(req('533-18-2046', '4100020001', s));
      expect(await identity.verify(req(JORDAN_SSN, '4100020001', sessionId))).toMatchObject({ code: 'IDENTITY.CODE_SENT' });
    }
    const confirm = (identity: IdentityService, code: string, sessionId = 'owner', callerId: string | null = null) =>
      identity.confirmCode({ sessionId, channel: 'chat', callerId, code });

    it('cannot be guessed: three wrong codes use it up, and then even the right one is refused', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity);
      const right = texts[0]!.code;
      const wrong = right === '000000' ? '111111' : '000000';
      expect(await confirm(identity, wrong)).toEqual({ ok: false, code: 'IDENTITY.CODE_WRONG', params: { attemptsLeft: 2 } });
      expect(await confirm(identity, wrong)).toEqual({ ok: false, code: 'IDENTITY.CODE_WRONG', params: { attemptsLeft: 1 } });
      expect(await confirm(identity, wrong)).toMatchObject({ ok: false, code: 'IDENTITY.THROTTLED' });
      w.clock.advanceMinutes(5);
      expect(await confirm(identity, right)).toEqual({ ok: false, code: 'IDENTITY.CODE_EXPIRED' });
    });

    it('wrong codes count toward the source\'s wait like wrong SSNs', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity, 'owner');
      const wrong = texts[0]!.code === '000000' ? '111111' : '000000';
      expect(await confirm(identity, wrong, 'owner', '+15554440000')).toMatchObject({ code: 'IDENTITY.CODE_WRONG' });
      await identity.verify(req('533-18-2046', '4199999999', 'n1', '+15554440000'));
      expect(await identity.verify(req('533-18-2046', '4199999999', 'n2', '+15554440000'))).toMatchObject({ code: 'IDENTITY.THROTTLED' });
    });

    it('expires after 10 minutes', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity);
      w.clock.advanceMinutes(10);
      expect(await confirm(identity, texts[0]!.code)).toEqual({ ok: false, code: 'IDENTITY.CODE_EXPIRED' });
    });

    it('belongs to the session it was texted for', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity, 'owner');
      expect(await confirm(identity, texts[0]!.code, 'someone-else')).toEqual({ ok: false, code: 'IDENTITY.CODE_EXPIRED' });
      expect((await confirm(identity, texts[0]!.code, 'owner')).ok).toBe(true);
      expect(await confirm(identity, texts[0]!.code, 'owner')).toEqual({ ok: false, code: 'IDENTITY.CODE_EXPIRED' });
    });

    it('is kept only as a keyed hash and never audited', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity);
      const code = texts[0]!.code;
      const challenge = await w.repos.verification.latestChallenge('owner');
      expect(challenge!.codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(challenge)).not.toContain(code);
      await confirm(identity, code);
      expect(JSON.stringify(w.repos.auditRows())).not.toContain(code);
    });

    it('a format slip is explained and does not count', async () => {
      const { identity, texts } = withTexter(w);
      await stepUp(identity);
      expect(await confirm(identity, '12345')).toEqual({ ok: false, code: 'IDENTITY.CODE_FORMAT' });
      expect((await confirm(identity, texts[0]!.code)).ok).toBe(true);
    });

    it('when no code can be texted (no provider, or the text fails), then the step-up goes to a person', async () => {
      const none = createIdentityService({ ...deps(w), codeTexter: null });
      for (const s of ['a', 'b', 'c']) await none.verify(req('533-18-2046', '4100020001', s));
      expect(await none.verify(req(JORDAN_SSN, '4100020001', 'owner'))).toEqual({ ok: false, code: 'IDENTITY.CODE_UNAVAILABLE' });
      const failing = createIdentityService({ ...deps(w), codeTexter: { send: async () => false } });
      expect(await failing.verify(req(JORDAN_SSN, '4100020001', 'owner2'))).toEqual({ ok: false, code: 'IDENTITY.CODE_UNAVAILABLE' });
      expect(await failing.confirmCode({ sessionId: 'owner2', channel: 'chat', code: '123456' })).toEqual({ ok: false, code: 'IDENTITY.CODE_EXPIRED' });
    });

    it('when there is no mobile on file, then the step-up goes to a person', async () => {
      const { identity, texts } = withTexter(w);
      const jordan = (await w.repos.customers.byId('cus_jordan_avery'))!;
      await w.repos.insert.customer({ ...jordan, mobile: null });
      for (const s of ['a', 'b', 'c']) await identity.verify(req('533-18-2046', '4100020001', s));
      expect(await identity.verify(req(JORDAN_SSN, '4100020001', 'owner'))).toEqual({ ok: false, code: 'IDENTITY.CODE_UNAVAILABLE' });
      expect(texts).toEqual([]);
    });

    it('is texted at most 5 times an hour per account, so nobody can flood the owner\'s phone', async () => {
      const { identity, texts } = withTexter(w);
      for (const s of ['a', 'b', 'c']) await identity.verify(req('533-18-2046', '4100020001', s));
      for (let i = 0; i < 5; i++) expect(await identity.verify(req(JORDAN_SSN, '4100020001', `o${i}`))).toMatchObject({ code: 'IDENTITY.CODE_SENT' });
      expect(await identity.verify(req(JORDAN_SSN, '4100020001', 'o5'))).toEqual({ ok: false, code: 'IDENTITY.CODE_UNAVAILABLE' });
      expect(texts).toHaveLength(5);
    });
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
