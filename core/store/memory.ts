import { randomUUID } from 'node:crypto';
import type {
  AutoPayEnrollment,
  BankOnFile,
  Customer,
  FicoScore,
  Payment,
  TitleStatus,
  VehicleAccount,
} from '../shared/types';
import { newBankToken } from '../security/vault-cipher';
import { openEntry, resealEntry, sealEntry, vaultKeyRing, type StoredSecret, type VaultKeyOptions } from '../security/vault-keys';
import {
  ConfirmationNumberTakenError,
  decrementFits,
  recordsTarget,
  type AuditKind,
  type LockScope,
  type CodeChallenge,
  type OutboxMessage,
  type PaymentReminder,
  type Repositories,
  type StoredSession,
  type StoreWriter,
} from './ports';

export interface AuditRow {
  kind: AuditKind;
  sessionId: string | null;
  customerId: string | null;
  accountId: string | null;
  details: Record<string, string | number | boolean | null>;
  at: Date;
}

export interface MemoryRepositories extends Repositories {
  insert: StoreWriter;
  /** What the audit log holds, for assertions. */
  auditRows(): AuditRow[];
}

/** Deep copy of plain data, so callers never share state with the store (structuredClone's Dates cross jest realms). */
function clone<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = clone(x);
    return out as T;
  }
  return v;
}

/**
 * The in-memory twin of every port: same behaviour as the Prisma stores
 * (the contract suite proves it), for fast tests. Not for production: state
 * lives in one process.
 */
/** What the database holds for a payment that names no card and no bank account type. */
const NO_CARD_OR_TYPE = { bankAccountType: null, cardToken: null, cardBrand: null, cardLast4: null, cardExpiry: null } as const;

export function createMemoryRepositories(opts: VaultKeyOptions): MemoryRepositories {
  const vaultKeys = vaultKeyRing(opts);
  const customers = new Map<string, Customer>();
  const accounts = new Map<string, VehicleAccount>();
  const banks = new Map<string, BankOnFile>();
  const vault = new Map<string, { routingNumber: string; sealed: StoredSecret }>();
  const payments: Payment[] = [];
  const autopay = new Map<string, AutoPayEnrollment>();
  const titles = new Map<string, TitleStatus>();
  const fico: FicoScore[] = [];
  const attempts: { sessionId: string; accountId: string | null; callerKey: string | null; success: boolean; at: Date }[] = [];
  const scopeState = new Map<string, { lockedUntil: Date | null; clearedAt: Date | null }>();
  const challenges: CodeChallenge[] = [];
  const audit: AuditRow[] = [];
  const outbox: OutboxMessage[] = [];
  const reminders = new Map<string, PaymentReminder>();
  const sessions = new Map<string, StoredSession<unknown>>();
  const answers = new Map<string, Map<string, unknown>>();

  const scopeKey = (scope: LockScope, key: string) => `${scope}:${key}`;
  const accountList = (pred: (a: VehicleAccount) => boolean) =>
    [...accounts.values()].filter(pred).sort((a, b) => a.accountNumber.localeCompare(b.accountNumber)).map(clone);

  return {
    customers: {
      byId: async (id) => clone(customers.get(id) ?? null),
      byTaxIdHash: async (hash) => [...customers.values()].filter((c) => c.taxIdHash === hash).map(clone),
      byMobile: async (e164) => clone([...customers.values()].find((c) => c.mobile === e164) ?? null),
      update: async (id, patch) => {
        const c = customers.get(id);
        if (c) customers.set(id, { ...c, ...patch });
      },
      textAlertSubscribers: async () =>
        [...customers.values()].filter((c) => c.textAlerts && !c.smsOptedOut && c.mobile).map(clone),
      setTaxIdHash: async (id, hash, keyId) => {
        const c = customers.get(id);
        if (c) customers.set(id, { ...c, taxIdHash: hash, taxIdHashKeyId: keyId });
      },
      taxIdHashKeyCounts: async () => {
        const counts: Record<string, number> = {};
        for (const c of customers.values()) counts[c.taxIdHashKeyId] = (counts[c.taxIdHashKeyId] ?? 0) + 1;
        return counts;
      },
    },
    accounts: {
      byId: async (id) => clone(accounts.get(id) ?? null),
      byAccountNumber: async (n) => clone([...accounts.values()].find((a) => a.accountNumber === n) ?? null),
      byVin: async (vin) => clone([...accounts.values()].find((a) => a.vin === vin.toUpperCase()) ?? null),
      byVinSuffix: async (last6) => accountList((a) => a.vin.endsWith(last6.toUpperCase())),
      byCustomer: async (customerId) => accountList((a) => a.customerId === customerId),
    },
    banks: {
      onFileFor: async (customerId) => clone([...banks.values()].find((b) => b.customerId === customerId) ?? null),
    },
    vault: {
      tokenize: async (routingNumber, accountNumber) => {
        const token = newBankToken();
        vault.set(token, { routingNumber, sealed: sealEntry(vaultKeys, token, accountNumber) });
        return token;
      },
      reveal: async (token) => {
        const entry = vault.get(token);
        return entry ? { routingNumber: entry.routingNumber, accountNumber: openEntry(vaultKeys, token, entry.sealed) } : null;
      },
      rotate: async () => {
        const report = { resealed: 0, unreadable: 0, current: 0 };
        for (const [token, entry] of vault) {
          if (entry.sealed.keyId !== vaultKeys.current.id) {
            const resealed = resealEntry(vaultKeys, token, entry.sealed);
            if (!resealed) {
              report.unreadable += 1;
              continue;
            }
            vault.set(token, { ...entry, sealed: resealed });
            report.resealed += 1;
          }
          report.current += 1;
        }
        return report;
      },
    },
    payments: {
      record: async (target, decide) => {
        // No await from here to the end: the read, the decision and the write are one step, as a transaction.
        const existing = payments.find((x) => x.idempotencyKey === target.idempotencyKey);
        if (existing) return { payment: clone(existing), duplicate: true };
        const account = accounts.get(target.accountId);
        if (!account) throw new Error(`unknown account ${target.accountId}`);
        const sameDate = payments.filter((x) => x.accountId === account.id && x.scheduledFor === target.date);
        const decision = decide({ account: clone(account), sameDate: sameDate.map(clone) });
        if ('refuse' in decision) return { refused: decision.refuse };
        const { record: p, decrement: d } = decision;
        if (!recordsTarget(p, target)) throw new Error('the decided payment is not the one being recorded');
        if (payments.some((x) => x.confirmationNumber === p.confirmationNumber)) throw new ConfirmationNumberTakenError();
        if (d) {
          if (!decrementFits(account, d)) throw new Error('a payment may not overdraw the account balances');
          const next: VehicleAccount = {
            ...account,
            amountDueCents: account.amountDueCents - d.amountDueCents,
            pastDueCents: account.pastDueCents - d.pastDueCents,
            principalCents: account.principalCents - d.principalCents,
            payoffCents: account.payoffCents - d.payoffCents,
          };
          if (d.paidOffOn) Object.assign(next, { status: 'paid_off', paidOffOn: d.paidOffOn, nextDueDate: null, amountDueCents: 0, pastDueCents: 0, principalCents: 0 });
          accounts.set(account.id, next);
        }
        const payment: Payment = { ...NO_CARD_OR_TYPE, ...clone(p), id: randomUUID(), createdAt: new Date() };
        payments.push(payment);
        return { payment: clone(payment), duplicate: false };
      },
      byIdempotencyKey: async (key) => clone(payments.find((x) => x.idempotencyKey === key) ?? null),
      history: async (accountId, limit) =>
        payments
          .filter((x) => x.accountId === accountId)
          .sort((a, b) => b.scheduledFor.localeCompare(a.scheduledFor) || b.createdAt.getTime() - a.createdAt.getTime())
          .slice(0, limit)
          .map(clone),
      pending: async (accountId) =>
        payments
          .filter((x) => x.accountId === accountId && (x.status === 'scheduled' || x.status === 'awaiting_validation'))
          .sort((a, b) => a.scheduledFor.localeCompare(b.scheduledFor))
          .map(clone),
    },
    autopay: {
      forAccount: async (accountId) => clone(autopay.get(accountId) ?? null),
      upsert: async (e) => {
        const enrollment: AutoPayEnrollment = { ...clone(e), id: autopay.get(e.accountId)?.id ?? randomUUID(), active: true, enrolledAt: new Date(), cancelledAt: null };
        autopay.set(e.accountId, enrollment);
        return clone(enrollment);
      },
      cancel: async (accountId, at) => {
        const e = autopay.get(accountId);
        if (!e) return null;
        const cancelled = { ...e, active: false, cancelledAt: at };
        autopay.set(accountId, cancelled);
        return clone(cancelled);
      },
    },
    titles: {
      forAccount: async (accountId) => clone(titles.get(accountId) ?? null),
      setEmailUpdates: async (accountId, on) => {
        const t = titles.get(accountId);
        if (t) titles.set(accountId, { ...t, emailUpdates: on });
      },
    },
    fico: {
      latest: async (customerId) =>
        clone(fico.filter((f) => f.customerId === customerId).sort((a, b) => b.asOf.localeCompare(a.asOf))[0] ?? null),
    },
    verification: {
      recordAttempt: async (a) => {
        attempts.push({ sessionId: a.sessionId, accountId: a.accountId, callerKey: a.callerKey, success: a.success, at: a.at });
      },
      failuresSince: async (scope, key, since) => {
        const cleared = scopeState.get(scopeKey(scope, key))?.clearedAt;
        const field = scope === 'account' ? 'accountId' : scope === 'session' ? 'sessionId' : 'callerKey';
        return attempts.filter((a) => !a.success && a[field] === key && a.at >= since && (!cleared || a.at > cleared)).length;
      },
      lock: async (scope, key, until) => {
        const k = scopeKey(scope, key);
        scopeState.set(k, { clearedAt: scopeState.get(k)?.clearedAt ?? null, lockedUntil: until });
      },
      lockedUntil: async (scope, key, now) => {
        const until = scopeState.get(scopeKey(scope, key))?.lockedUntil;
        return until && until > now ? new Date(until) : null;
      },
      clearFailures: async (scope, key, at) => {
        const k = scopeKey(scope, key);
        scopeState.set(k, { lockedUntil: scopeState.get(k)?.lockedUntil ?? null, clearedAt: at });
      },
      allFailuresSince: async (since) => attempts.filter((a) => !a.success && a.at >= since).length,
      createChallenge: async (c) => {
        challenges.push(clone({ ...c, failedAttempts: 0, closedAt: null }));
      },
      latestChallenge: async (sessionId) =>
        clone(
          challenges
            .filter((c) => c.sessionId === sessionId && !c.closedAt)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null,
        ),
      recordWrongCode: async (id) => {
        const c = challenges.find((x) => x.id === id);
        if (!c) return 0;
        c.failedAttempts += 1;
        return c.failedAttempts;
      },
      closeChallenge: async (id, at) => {
        const c = challenges.find((x) => x.id === id);
        if (c && !c.closedAt) c.closedAt = new Date(at);
      },
      challengesSince: async (accountId, since) => challenges.filter((c) => c.accountId === accountId && c.createdAt >= since).length,
    },
    audit: {
      record: async (entry) => {
        audit.push(clone(entry));
      },
    },
    outbox: {
      enqueue: async (m) => {
        if (outbox.some((o) => o.dedupeKey === m.dedupeKey)) return false;
        outbox.push({ id: randomUUID(), channel: m.channel, to: m.to, body: m.body, status: m.status ?? 'pending', dedupeKey: m.dedupeKey, createdAt: m.at });
        return true;
      },
      pending: async (limit) =>
        outbox
          .filter((o) => o.status === 'pending')
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
          .slice(0, limit)
          .map(clone),
      mark: async (id, status) => {
        const o = outbox.find((x) => x.id === id);
        if (o) o.status = status;
      },
    },
    reminders: {
      create: async (r) => {
        if ([...reminders.values()].some((x) => x.accountId === r.accountId && x.dueDate === r.dueDate)) return false;
        reminders.set(r.id, { ...clone(r), codeAttempts: 0 });
        return true;
      },
      openFor: async (customerId, today) =>
        [...reminders.values()]
          .filter((r) => r.customerId === customerId && r.expiresOn >= today)
          .sort((a, b) => b.dueDate.localeCompare(a.dueDate) || a.accountId.localeCompare(b.accountId))
          .map(clone),
      claimCodeAttempt: async (id, limit) => {
        const r = reminders.get(id);
        if (!r || r.codeAttempts >= limit) return false;
        r.codeAttempts += 1;
        return true;
      },
    },
    sessions: {
      load: async (id) => clone(sessions.get(id) ?? null),
      loadForTurn: async (id, turnKey) => {
        const session = sessions.get(id) ?? null;
        const answer = session ? answers.get(id)?.get(turnKey) : undefined;
        return { session: clone(session), answer: answer === undefined ? null : clone(answer) };
      },
      save: async (id, state, expectedVersion, at, answered) => {
        const current = sessions.get(id);
        if ((current?.version ?? 0) !== expectedVersion) return null;
        if (answered && answers.get(id)?.has(answered.turnKey)) return null;
        const version = expectedVersion + 1;
        sessions.set(id, { id, state: clone(state), version, updatedAt: at });
        if (answered) {
          if (!answers.has(id)) answers.set(id, new Map());
          answers.get(id)!.set(answered.turnKey, clone(answered.output));
        }
        return version;
      },
      delete: async (id) => {
        sessions.delete(id);
        answers.delete(id);
      },
    },
    ping: async () => true,
    close: async () => undefined,
    insert: {
      customer: async (c) => void customers.set(c.id, clone(c)),
      account: async (a) => void accounts.set(a.id, clone(a)),
      bank: async (b) => void banks.set(b.id, clone(b)),
      payment: async (p) => void payments.push({ ...NO_CARD_OR_TYPE, ...clone(p) }),
      autopay: async (e) => void autopay.set(e.accountId, clone(e)),
      title: async (t) => void titles.set(t.accountId, clone(t)),
      fico: async (f) => void fico.push(clone(f)),
    },
    auditRows: () => audit.map(clone),
  };
}
