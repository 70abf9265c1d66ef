import type { AccountRepository, CustomerRepository, LockScope, VerificationRepository } from '../store/ports';
import type { Channel, Customer, VehicleAccount } from '../shared/types';
import type { Clock } from '../shared/clock';
import { err, ok, type Result } from '../shared/result';
import { hashTaxId, taxIdHashes } from '../security/keyed-hash';
import type { KeyRing } from '../security/key-ring';
import type { AuditTrail } from '../audit/audit-trail';
import { parseTaxId, type TaxIdCode } from './tax-id';
import { parseAccountReference, type AccountReference, type AccountReferenceCode } from './account-reference';

export const MAX_FAILED_ATTEMPTS = 3;
export const LOCK_MINUTES = 30;

export type VerifyCode = TaxIdCode | AccountReferenceCode | 'IDENTITY.NO_MATCH' | 'IDENTITY.LOCKED';

export interface VerifyRequest {
  sessionId: string;
  channel: Channel;
  /** The caller's phone number on voice/SMS; failures then also count against it. */
  callerId?: string | null;
  /** SSN or Tax ID as entered. Never logged. */
  taxId: string;
  /** Full VIN, last 6 of the VIN, or the 10-digit account number. */
  accountReference: string;
}

export interface VerifiedIdentity {
  customer: Customer;
  accounts: VehicleAccount[];
}

export interface IdentityService {
  /**
   * Matches an SSN/Tax ID with a VIN, VIN suffix or account number. Format
   * problems return their own code and do not count as attempts; a mismatch
   * returns IDENTITY.NO_MATCH (param `attemptsLeft`), and the third mismatch in
   * 30 minutes for the session, the account or the caller returns
   * IDENTITY.LOCKED (param `minutes`) for 30 minutes.
   */
  verify(req: VerifyRequest): Promise<Result<VerifiedIdentity, VerifyCode>>;
  /** Minutes left on a lock that applies to this session or caller, or 0. */
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
}

async function accountsFor(accounts: AccountRepository, ref: AccountReference): Promise<VehicleAccount[]> {
  switch (ref.kind) {
    case 'vin': {
      const a = await accounts.byVin(ref.vin);
      return a ? [a] : [];
    }
    case 'vin_last6':
      return accounts.byVinSuffix(ref.last6);
    case 'account_number': {
      const a = await accounts.byAccountNumber(ref.accountNumber);
      return a ? [a] : [];
    }
  }
}

const minutesUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));

export function createIdentityService(deps: IdentityDeps): IdentityService {
  const { verification, clock } = deps;

  async function longestLock(scopes: [LockScope, string][], now: Date): Promise<Date | null> {
    let longest: Date | null = null;
    for (const [scope, key] of scopes) {
      const until = await verification.lockedUntil(scope, key, now);
      if (until && (!longest || until > longest)) longest = until;
    }
    return longest;
  }

  function callerScopes(req: { sessionId: string; callerId?: string | null }): [LockScope, string][] {
    const scopes: [LockScope, string][] = [['session', req.sessionId]];
    if (req.callerId) scopes.push(['caller', req.callerId]);
    return scopes;
  }

  return {
    async lockedMinutes(sessionId, callerId) {
      const now = clock.now();
      const until = await longestLock(callerScopes({ sessionId, callerId }), now);
      return until ? minutesUntil(until, now) : 0;
    },

    async verify(req) {
      const now = clock.now();
      const subject = { sessionId: req.sessionId };
      const earlyLock = await longestLock(callerScopes(req), now);
      if (earlyLock) return err('IDENTITY.LOCKED', { minutes: minutesUntil(earlyLock, now) });

      const taxId = parseTaxId(req.taxId);
      if (!taxId.ok) return taxId;
      const ref = parseAccountReference(req.accountReference);
      if (!ref.ok) return ref;

      const candidates = await accountsFor(deps.accounts, ref.value);
      const accountScopes: [LockScope, string][] = candidates.map((a) => ['account', a.id]);
      const accountLock = await longestLock(accountScopes, now);
      if (accountLock) {
        await deps.audit.record('identity.locked', { ...subject, accountId: candidates[0]?.id ?? null }, { scope: 'account', refKind: ref.value.kind });
        return err('IDENTITY.LOCKED', { minutes: minutesUntil(accountLock, now) });
      }

      const owners: Customer[] = [];
      for (const { keyId, hash } of taxIdHashes(deps.taxIdKeys, taxId.value.digits)) {
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
      const auditDetails = { refKind: ref.value.kind, taxIdKind: taxId.value.kind, taxIdLast4: taxId.value.last4, channel: req.channel };

      if (matched && customer) {
        for (const [scope, key] of [...callerScopes(req), ['account', matched.id] as [LockScope, string]]) {
          await verification.clearFailures(scope, key, now);
        }
        const current = deps.taxIdKeys.current;
        if (customer.taxIdHashKeyId !== current.id) {
          // The only moment the number is known: move the customer's hash to the current key.
          await deps.customers.setTaxIdHash(customer.id, hashTaxId(current.key, taxId.value.digits), current.id);
        }
        await deps.audit.record('identity.verified', { ...subject, customerId: customer.id, accountId: matched.id }, auditDetails);
        return ok({ customer, accounts: await deps.accounts.byCustomer(customer.id) });
      }

      const since = new Date(now.getTime() - LOCK_MINUTES * 60_000);
      const counted: [LockScope, string][] = [...callerScopes(req)];
      if (attemptAccountId) counted.push(['account', attemptAccountId]);
      let worst = 0;
      const until = new Date(now.getTime() + LOCK_MINUTES * 60_000);
      const locked: LockScope[] = [];
      for (const [scope, key] of counted) {
        const failures = await verification.failuresSince(scope, key, since);
        worst = Math.max(worst, failures);
        if (failures >= MAX_FAILED_ATTEMPTS) {
          await verification.lock(scope, key, until);
          locked.push(scope);
        }
      }
      await deps.audit.record('identity.failed', { ...subject, accountId: attemptAccountId }, auditDetails);
      if (locked.length > 0) {
        await deps.audit.record('identity.locked', { ...subject, accountId: attemptAccountId }, { scope: locked.join(','), minutes: LOCK_MINUTES });
        return err('IDENTITY.LOCKED', { minutes: LOCK_MINUTES });
      }
      return err('IDENTITY.NO_MATCH', { attemptsLeft: Math.max(0, MAX_FAILED_ATTEMPTS - worst) });
    },
  };
}
