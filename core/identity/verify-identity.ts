import { randomInt, randomUUID } from 'node:crypto';
import type { AccountRepository, CustomerRepository, LockScope, VerificationRepository } from '../store/ports';
import type { Channel, Customer, Locale, TaxIdKind, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { err, ok, valueOf, type Result } from '../shared/result';
import { hashOneTimeCode, hashTaxId, sameDigest, taxIdHashes } from '../security/keyed-hash';
import type { KeyRing } from '../security/key-ring';
import type { AuditTrail } from '../audit/audit-trail';
import { accountBrief, type AccountBrief } from '../accounts/account-brief';
import { checkTaxId, parseTaxId, type TaxId, type TaxIdCode, type TaxIdFormatCode } from './tax-id';
import { parseAccountReference, type AccountReference, type AccountReferenceCode } from './account-reference';

/**
 * How verification resists guessing without letting anyone lock the owner out
 * (OWASP ASVS 2.2). The session and the source (caller number, visitor
 * address) belong to whoever is guessing: after a few failures each further
 * failure doubles a wait. An account is never locked: once it has recent
 * failures from anywhere, or failures are high everywhere, a correct answer
 * also needs a one-time code texted to the mobile on file.
 */
export interface VerificationPolicy {
  /** Failures a session or source may make before each further one costs a wait. */
  freeFailures: number;
  /** The wait set by the failure that uses up the free ones; each further failure doubles it. */
  firstWaitMinutes: number;
  maxWaitMinutes: number;
  /** How far back a session's or source's failures count toward its wait. */
  sourceWindowMinutes: number;
  /** Failures on a customer's accounts, from anywhere, that put a correct answer behind a code. */
  stepUpFailures: number;
  stepUpWindowMinutes: number;
  /** Failures everywhere that put every correct answer behind a code. */
  globalFailures: number;
  globalWindowMinutes: number;
  /** A texted code's lifetime and the wrong entries it allows. */
  codeMinutes: number;
  codeAttempts: number;
  /** Codes texted per account per hour, so nobody can flood the owner's phone. */
  codesPerHour: number;
}

export const DEFAULT_VERIFICATION_POLICY: Readonly<VerificationPolicy> = {
  freeFailures: 3,
  firstWaitMinutes: 5,
  maxWaitMinutes: 60,
  sourceWindowMinutes: 24 * 60,
  stepUpFailures: 3,
  stepUpWindowMinutes: 30,
  globalFailures: 50,
  globalWindowMinutes: 10,
  codeMinutes: 10,
  codeAttempts: 3,
  codesPerHour: 5,
};

export const CODE_DIGITS = 6;

export type VerifyCode =
  | TaxIdCode
  | AccountReferenceCode
  | 'IDENTITY.NO_MATCH'
  | 'IDENTITY.THROTTLED'
  | 'IDENTITY.CODE_SENT'
  | 'IDENTITY.CODE_UNAVAILABLE';

export type ConfirmCodeCode = 'IDENTITY.THROTTLED' | 'IDENTITY.CODE_FORMAT' | 'IDENTITY.CODE_WRONG' | 'IDENTITY.CODE_EXPIRED';

export interface VerifyRequest {
  sessionId: string;
  channel: Channel;
  /** The source: the caller's number on voice/SMS, the visitor's address on chat; failures also count against it. */
  callerId?: string | null;
  /** SSN or Tax ID as entered, or sealed when it was given before the reference. Never logged. */
  taxId: string | SealedTaxId;
  /** Full VIN, last 6 of the VIN, or the 10-digit account number. */
  accountReference: string;
}

export interface ConfirmCodeRequest {
  sessionId: string;
  channel: Channel;
  callerId?: string | null;
  /** The six digits as entered. Never logged. */
  code: string;
}

/**
 * An SSN/Tax ID given before the VIN or account number, held until the
 * reference arrives in the only form it is ever kept: its keyed hash under
 * every key of the ring, with its kind and last four. The number itself
 * cannot be read back from it.
 */
export interface SealedTaxId {
  kind: TaxIdKind;
  last4: string;
  hashes: { keyId: string; hash: string }[];
}

/** Who verified, as the conversation keeps it in its session: no tax ID, no full account number. */
export interface VerifiedCustomer {
  customerId: string;
  /** The first name of a person; the whole name of a business. */
  firstName: string;
  language: Locale;
  business: boolean;
  /** The customer's accounts, ordered by account number. */
  accounts: AccountBrief[];
}

/** Texts a one-time code; true once the carrier has taken the text. Never logs the code. */
export interface CodeTexter {
  send(text: { to: string; locale: Locale; code: string; minutes: number; ref: string }): Promise<boolean>;
}

export interface IdentityService {
  /** Format check of what the customer typed as VIN, last 6 of the VIN, or account number. */
  parseReference(raw: string): Result<AccountReference, AccountReferenceCode>;
  /** Format check of an SSN or EIN (the digits never come back). */
  checkTaxId(raw: string): Result<{ kind: 'ssn' | 'ein' }, TaxIdFormatCode>;
  /** Checks an SSN or EIN and seals it (keyed hashes, kind, last four) so it can wait for the reference. */
  sealTaxId(raw: string): Result<SealedTaxId, TaxIdFormatCode>;
  /** The language of the customer whose mobile this is, for a caller id (voice/SMS), or null for a number we do not know. */
  languageForCaller(callerId: string): Promise<Locale | null>;
  /**
   * Matches an SSN/Tax ID with a VIN, VIN suffix or account number. Format
   * problems return their own code and do not count. A mismatch returns
   * IDENTITY.NO_MATCH (param `attemptsLeft`, from the session's and source's
   * failures only), the same for an unknown account as for a wrong SSN on a
   * real one; the failure that uses up the free ones, and any attempt during
   * the wait, returns IDENTITY.THROTTLED (param `minutes`). A match on an
   * account with recent failures (or while failures are high everywhere)
   * texts a code and returns IDENTITY.CODE_SENT (param `last4` of the mobile),
   * or IDENTITY.CODE_UNAVAILABLE when no code can be texted.
   */
  verify(req: VerifyRequest): Promise<Result<VerifiedCustomer, VerifyCode>>;
  /**
   * Finishes a verification with the code texted for this session. A wrong
   * code returns IDENTITY.CODE_WRONG (param `attemptsLeft`) and counts as a
   * failure; an expired or used-up code returns IDENTITY.CODE_EXPIRED.
   */
  confirmCode(req: ConfirmCodeRequest): Promise<Result<VerifiedCustomer, ConfirmCodeCode>>;
  /** Minutes left on the wait that applies to this session or source, or 0. */
  lockedMinutes(sessionId: string, callerId?: string | null): Promise<number>;
}

export interface IdentityDeps {
  customers: CustomerRepository;
  accounts: AccountRepository;
  verification: VerificationRepository;
  audit: AuditTrail;
  clock: Clock;
  /** The SSN/Tax ID hash keys: new hashes use the current one; a stored hash may still be on a previous one. */
  taxIdKeys: KeyRing<string>;
  /** Keys the one-time codes of the step-up. */
  identityHashKey: string;
  /** Texts step-up codes; null when no SMS provider is configured (a step-up then goes to a person). */
  codeTexter?: CodeTexter | null;
  policy?: Partial<VerificationPolicy>;
}

async function accountsFor(accounts: AccountRepository, ref: AccountReference): Promise<VehicleAccount[]> {
  switch (ref.kind) {
    case 'vin': {
      const a = await accounts.byVin(ref.value);
      return a ? [a] : [];
    }
    case 'vin_last6':
      return accounts.byVinSuffix(ref.value);
    case 'account_number': {
      const a = await accounts.byAccountNumber(ref.value);
      return a ? [a] : [];
    }
  }
}

function verifiedCustomer(customer: Customer, accounts: VehicleAccount[]): VerifiedCustomer {
  return {
    customerId: customer.id,
    firstName: customer.kind === 'business' ? customer.name : (customer.name.split(' ')[0] ?? customer.name),
    language: customer.language,
    business: customer.kind === 'business',
    accounts: accounts.map(accountBrief),
  };
}

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
const minutesBefore = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);

export function createIdentityService(deps: IdentityDeps): IdentityService {
  const { verification, clock } = deps;
  const policy: VerificationPolicy = { ...DEFAULT_VERIFICATION_POLICY, ...deps.policy };
  const sealed = (taxId: TaxId): SealedTaxId => ({ kind: taxId.kind, last4: taxId.last4, hashes: taxIdHashes(deps.taxIdKeys, taxId.digits) });

  /** The session and the source: whoever is answering owns these, so they may be slowed. */
  function sourceScopes(req: { sessionId: string; callerId?: string | null }): [LockScope, string][] {
    const scopes: [LockScope, string][] = [['session', req.sessionId]];
    if (req.callerId) scopes.push(['caller', req.callerId]);
    return scopes;
  }

  async function longestWait(scopes: [LockScope, string][], now: Date): Promise<Date | null> {
    let longest: Date | null = null;
    for (const [scope, key] of scopes) {
      const until = await verification.lockedUntil(scope, key, now);
      if (until && (!longest || until > longest)) longest = until;
    }
    return longest;
  }

  function waitAfter(failures: number): number {
    const beyond = failures - policy.freeFailures;
    return Math.min(policy.maxWaitMinutes, policy.firstWaitMinutes * 2 ** beyond);
  }

  /**
   * After a failure: the most failures of the session or the source, and the
   * wait it now has to sit out (0 while free failures remain).
   */
  async function slowDown(req: { sessionId: string; callerId?: string | null }, now: Date): Promise<{ worst: number; minutes: number; scopes: LockScope[] }> {
    const since = minutesBefore(now, policy.sourceWindowMinutes);
    let worst = 0;
    let minutes = 0;
    const scopes: LockScope[] = [];
    for (const [scope, key] of sourceScopes(req)) {
      const failures = await verification.failuresSince(scope, key, since);
      worst = Math.max(worst, failures);
      if (failures >= policy.freeFailures) {
        const wait = waitAfter(failures);
        await verification.lock(scope, key, new Date(now.getTime() + wait * 60_000));
        minutes = Math.max(minutes, wait);
        scopes.push(scope);
      }
    }
    return { worst, minutes, scopes };
  }

  async function clearAfterSuccess(req: { sessionId: string; callerId?: string | null }, accounts: VehicleAccount[], now: Date) {
    const scopes: [LockScope, string][] = [...sourceScopes(req), ...accounts.map((a): [LockScope, string] => ['account', a.id])];
    for (const [scope, key] of scopes) await verification.clearFailures(scope, key, now);
  }

  /** Why a correct answer is not enough on its own right now, or null. */
  async function stepUpReason(accounts: VehicleAccount[], now: Date): Promise<'account_failures' | 'global_failures' | null> {
    const since = minutesBefore(now, policy.stepUpWindowMinutes);
    let failures = 0;
    for (const a of accounts) failures += await verification.failuresSince('account', a.id, since);
    if (failures >= policy.stepUpFailures) return 'account_failures';
    const everywhere = await verification.allFailuresSince(minutesBefore(now, policy.globalWindowMinutes));
    return everywhere >= policy.globalFailures ? 'global_failures' : null;
  }

  async function textCode(
    req: VerifyRequest,
    customer: Customer,
    account: VehicleAccount,
    reason: string,
    now: Date,
  ): Promise<Result<VerifiedCustomer, VerifyCode>> {
    const subject = { sessionId: req.sessionId, customerId: customer.id, accountId: account.id };
    const texter = deps.codeTexter ?? null;
    const recent = await verification.challengesSince(account.id, minutesBefore(now, 60));
    const why = !customer.mobile ? 'no_mobile' : !texter ? 'no_sms_provider' : recent >= policy.codesPerHour ? 'too_many_codes' : null;
    if (why || !customer.mobile || !texter) {
      await deps.audit.record('identity.code_failed', subject, { reason, why: why ?? 'unavailable', channel: req.channel });
      return err('IDENTITY.CODE_UNAVAILABLE');
    }
    const previous = await verification.latestChallenge(req.sessionId);
    if (previous) await verification.closeChallenge(previous.id, now);
    const id = randomUUID();
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
    await verification.createChallenge({
      id,
      sessionId: req.sessionId,
      customerId: customer.id,
      accountId: account.id,
      codeHash: hashOneTimeCode(deps.identityHashKey, id, code),
      expiresAt: new Date(now.getTime() + policy.codeMinutes * 60_000),
      createdAt: now,
    });
    const sent = await texter
      .send({ to: customer.mobile, locale: customer.language, code, minutes: policy.codeMinutes, ref: id })
      .catch(() => false);
    const mobileLast4 = customer.mobile.slice(-4);
    if (!sent) {
      await verification.closeChallenge(id, now);
      await deps.audit.record('identity.code_failed', subject, { reason, why: 'not_sent', mobileLast4, channel: req.channel });
      return err('IDENTITY.CODE_UNAVAILABLE');
    }
    await deps.audit.record('identity.code_sent', subject, { reason, mobileLast4, channel: req.channel });
    return err('IDENTITY.CODE_SENT', { last4: mobileLast4, minutes: policy.codeMinutes });
  }

  return {
    parseReference: parseAccountReference,
    checkTaxId,
    sealTaxId(raw) {
      const format = checkTaxId(raw);
      return format.ok ? ok(sealed(valueOf(parseTaxId(raw)))) : format;
    },
    async languageForCaller(callerId) {
      return (await deps.customers.byMobile(callerId))?.language ?? null;
    },

    async lockedMinutes(sessionId, callerId) {
      const now = clock.now();
      const until = await longestWait(sourceScopes({ sessionId, callerId }), now);
      return until ? minutesUntil(until, now) : 0;
    },

    async verify(req) {
      const now = clock.now();
      const subject = { sessionId: req.sessionId };
      const wait = await longestWait(sourceScopes(req), now);
      if (wait) return err('IDENTITY.THROTTLED', { minutes: minutesUntil(wait, now) });

      let typed: TaxId | null = null;
      if (typeof req.taxId === 'string') {
        const parsed = parseTaxId(req.taxId);
        if (!parsed.ok) return parsed;
        typed = parsed.value;
      }
      const taxId: SealedTaxId = typed ? sealed(typed) : (req.taxId as SealedTaxId);
      const ref = parseAccountReference(req.accountReference);
      if (!ref.ok) return ref;

      // The same work whether or not the account exists: what comes back must not tell them apart.
      const candidates = await accountsFor(deps.accounts, ref.value);
      const owners: Customer[] = [];
      for (const { keyId, hash } of taxId.hashes) {
        if (!deps.taxIdKeys.all.some((k) => k.id === keyId)) continue;
        owners.push(...(await deps.customers.byTaxIdHash(hash)).filter((c) => c.taxIdHashKeyId === keyId));
      }
      const matched = candidates.find((a) => owners.some((c) => c.id === a.customerId));
      const customer = matched ? owners.find((c) => c.id === matched.customerId) : undefined;
      // A VIN suffix can be shared: attribute the attempt to the account only when it is unambiguous.
      const attemptAccountId = matched?.id ?? (candidates.length === 1 ? candidates[0]!.id : null);
      await verification.recordAttempt({
        sessionId: req.sessionId,
        accountId: attemptAccountId,
        callerKey: req.callerId ?? null,
        channel: req.channel,
        success: Boolean(customer),
        reason: customer ? 'matched' : candidates.length === 0 ? 'no_account' : 'tax_id_mismatch',
        at: now,
      });
      const auditDetails = { refKind: ref.value.kind, taxIdKind: taxId.kind, taxIdLast4: taxId.last4, channel: req.channel };

      if (matched && customer) {
        const current = deps.taxIdKeys.current;
        if (customer.taxIdHashKeyId !== current.id && typed) {
          // The only moment the number is known (it was not given sealed): move the customer's hash to the current key.
          await deps.customers.setTaxIdHash(customer.id, hashTaxId(current.key, typed.digits), current.id);
        }
        const accounts = await deps.accounts.byCustomer(customer.id);
        const reason = await stepUpReason(accounts, now);
        if (reason) return textCode(req, customer, matched, reason, now);
        await clearAfterSuccess(req, accounts, now);
        await deps.audit.record('identity.verified', { ...subject, customerId: customer.id, accountId: matched.id }, auditDetails);
        return ok(verifiedCustomer(customer, accounts));
      }

      const slowed = await slowDown(req, now);
      await deps.audit.record('identity.failed', { ...subject, accountId: attemptAccountId }, auditDetails);
      if (slowed.minutes > 0) {
        await deps.audit.record('identity.locked', subject, { scope: slowed.scopes.join(','), minutes: slowed.minutes });
        return err('IDENTITY.THROTTLED', { minutes: slowed.minutes });
      }
      return err('IDENTITY.NO_MATCH', { attemptsLeft: Math.max(0, policy.freeFailures - slowed.worst) });
    },

    async confirmCode(req) {
      const now = clock.now();
      const wait = await longestWait(sourceScopes(req), now);
      if (wait) return err('IDENTITY.THROTTLED', { minutes: minutesUntil(wait, now) });

      const challenge = await verification.latestChallenge(req.sessionId);
      if (!challenge || challenge.expiresAt <= now || challenge.failedAttempts >= policy.codeAttempts) {
        if (challenge) await verification.closeChallenge(challenge.id, now);
        return err('IDENTITY.CODE_EXPIRED');
      }
      const digits = req.code.replace(/[\s-]/g, '');
      if (!new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits)) return err('IDENTITY.CODE_FORMAT');

      const subject = { sessionId: req.sessionId, customerId: challenge.customerId, accountId: challenge.accountId };
      const right = sameDigest(hashOneTimeCode(deps.identityHashKey, challenge.id, digits), challenge.codeHash);
      await verification.recordAttempt({
        sessionId: req.sessionId,
        accountId: challenge.accountId,
        callerKey: req.callerId ?? null,
        channel: req.channel,
        success: right,
        reason: right ? 'code_matched' : 'code_mismatch',
        at: now,
      });
      if (right) {
        await verification.closeChallenge(challenge.id, now);
        const customer = await deps.customers.byId(challenge.customerId);
        if (!customer) return err('IDENTITY.CODE_EXPIRED');
        const accounts = await deps.accounts.byCustomer(customer.id);
        await clearAfterSuccess(req, accounts, now);
        await deps.audit.record('identity.verified', subject, { stepUp: true, channel: req.channel });
        return ok(verifiedCustomer(customer, accounts));
      }

      const wrong = await verification.recordWrongCode(challenge.id);
      await deps.audit.record('identity.code_failed', subject, { why: 'wrong_code', channel: req.channel });
      const slowed = await slowDown(req, now);
      if (wrong >= policy.codeAttempts) await verification.closeChallenge(challenge.id, now);
      if (slowed.minutes > 0) {
        await deps.audit.record('identity.locked', { sessionId: req.sessionId }, { scope: slowed.scopes.join(','), minutes: slowed.minutes });
        return err('IDENTITY.THROTTLED', { minutes: slowed.minutes });
      }
      if (wrong >= policy.codeAttempts) return err('IDENTITY.CODE_EXPIRED');
      return err('IDENTITY.CODE_WRONG', { attemptsLeft: policy.codeAttempts - wrong });
    },
  };
}
