import {
  BalanceChangedError,
  ConfirmationNumberTakenError,
  type AuditKind,
  type LockScope,
  type OutboxMessage,
  type Repositories,
  type StoreWriter,
} from '../core/store/ports';
import type {
  AutoPayEnrollment,
  Customer,
  FicoFactor,
  FicoScore,
  Payment,
  TitleMilestone,
  TitleStatus,
  VehicleAccount,
} from '../core/shared/types';
import { newBankToken, seal, unseal } from '../core/security/vault-cipher';
import { openPrismaClient, type Db, type DatabaseSettings } from './connect';
import { prismaDirectLineStore } from './directline-store';
import type { DirectLineStore } from '../bot/directline/direct-line-store';

export interface PrismaRepositoryOptions extends DatabaseSettings {
  /** AES-256 key for the bank vault (config VAULT_KEY). */
  vaultKey: Buffer;
}

/** Repositories plus a writer for seeding and tests. */
export interface PrismaRepositories extends Repositories {
  insert: StoreWriter;
  /** The local Direct Line's conversations, in the same database. */
  directLine: DirectLineStore;
}

/** Prisma's unique-constraint violation, however the driver adapter reports it. */
function isUniqueViolation(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'P2002';
}

type Row<T> = T extends (...args: never[]) => Promise<infer R> ? NonNullable<R> : never;
type CustomerRow = Row<Db['customer']['findUniqueOrThrow']>;
type AccountRow = Row<Db['vehicleAccount']['findUniqueOrThrow']>;
type PaymentRow = Row<Db['payment']['findUniqueOrThrow']>;
type AutoPayRow = Row<Db['autoPayEnrollment']['findUniqueOrThrow']>;
type TitleRow = Row<Db['titleRecord']['findUniqueOrThrow']>;
type FicoRow = Row<Db['ficoScore']['findUniqueOrThrow']>;
type OutboxRow = Row<Db['outboxMessage']['findUniqueOrThrow']>;

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  name: r.name,
  language: r.language as Customer['language'],
  kind: r.kind as Customer['kind'],
  taxIdKind: r.taxIdKind as Customer['taxIdKind'],
  taxIdHash: r.taxIdHash,
  taxIdLast4: r.taxIdLast4,
  zip: r.zip,
  mobile: r.mobile,
  email: r.email,
  textAlerts: r.textAlerts,
  smsOptedOut: r.smsOptedOut,
});

const toAccount = (r: AccountRow): VehicleAccount => ({
  id: r.id,
  customerId: r.customerId,
  accountNumber: r.accountNumber,
  vin: r.vin,
  year: r.year,
  make: r.make,
  model: r.model,
  product: r.product as VehicleAccount['product'],
  status: r.status as VehicleAccount['status'],
  principalCents: r.principalCents,
  payoffCents: r.payoffCents,
  monthlyPaymentCents: r.monthlyPaymentCents,
  amountDueCents: r.amountDueCents,
  pastDueCents: r.pastDueCents,
  nextDueDate: r.nextDueDate,
  paidOffOn: r.paidOffOn,
});

const toPayment = (r: PaymentRow): Payment => ({
  id: r.id,
  accountId: r.accountId,
  amountCents: r.amountCents,
  kind: r.kind as Payment['kind'],
  scheduledFor: r.scheduledFor,
  method: r.method as Payment['method'],
  channel: r.channel as Payment['channel'],
  status: r.status as Payment['status'],
  confirmationNumber: r.confirmationNumber,
  routingNumber: r.routingNumber,
  bankAccountToken: r.bankAccountToken,
  bankAccountLast4: r.bankAccountLast4,
  idempotencyKey: r.idempotencyKey,
  createdAt: r.createdAt,
});

const toAutoPay = (r: AutoPayRow): AutoPayEnrollment => ({
  id: r.id,
  accountId: r.accountId,
  dayOfMonth: r.dayOfMonth,
  routingNumber: r.routingNumber,
  bankAccountToken: r.bankAccountToken,
  bankAccountLast4: r.bankAccountLast4,
  active: r.active,
  enrolledAt: r.enrolledAt,
  cancelledAt: r.cancelledAt,
});

const toTitle = (r: TitleRow): TitleStatus => ({
  accountId: r.accountId,
  state: r.state as TitleStatus['state'],
  milestones: JSON.parse(r.milestones) as TitleMilestone[],
  carrier: r.carrier,
  trackingNumber: r.trackingNumber,
  expectedDelivery: r.expectedDelivery,
  emailUpdates: r.emailUpdates,
});

const toFico = (r: FicoRow): FicoScore => ({
  customerId: r.customerId,
  score: r.score,
  model: r.model,
  asOf: r.asOf,
  factors: JSON.parse(r.factors) as FicoFactor[],
});

const toOutbox = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  channel: r.channel as OutboxMessage['channel'],
  to: r.to,
  body: r.body,
  status: r.status as OutboxMessage['status'],
  dedupeKey: r.dedupeKey,
  createdAt: r.createdAt,
});

const attemptColumn = (scope: LockScope) => (scope === 'account' ? 'accountId' : scope === 'session' ? 'sessionId' : 'callerKey');

/** The ports over a Prisma client (SQLite or PostgreSQL), built once by the composition root. */
export function prismaRepositories(db: Db, vaultKey: Buffer): PrismaRepositories {
  const accountByVinOrder = { accountNumber: 'asc' } as const;

  return {
    customers: {
      byId: async (id) => {
        const r = await db.customer.findUnique({ where: { id } });
        return r ? toCustomer(r) : null;
      },
      byTaxIdHash: async (hash) => (await db.customer.findMany({ where: { taxIdHash: hash }, orderBy: { id: 'asc' } })).map(toCustomer),
      byMobile: async (e164) => {
        const r = await db.customer.findUnique({ where: { mobile: e164 } });
        return r ? toCustomer(r) : null;
      },
      update: async (id, patch) => {
        await db.customer.updateMany({ where: { id }, data: patch });
      },
      textAlertSubscribers: async () =>
        (await db.customer.findMany({ where: { textAlerts: true, smsOptedOut: false, mobile: { not: null } }, orderBy: { id: 'asc' } })).map(toCustomer),
    },
    accounts: {
      byId: async (id) => {
        const r = await db.vehicleAccount.findUnique({ where: { id } });
        return r ? toAccount(r) : null;
      },
      byAccountNumber: async (n) => {
        const r = await db.vehicleAccount.findUnique({ where: { accountNumber: n } });
        return r ? toAccount(r) : null;
      },
      byVin: async (vin) => {
        const r = await db.vehicleAccount.findUnique({ where: { vin: vin.toUpperCase() } });
        return r ? toAccount(r) : null;
      },
      byVinSuffix: async (last6) =>
        (await db.vehicleAccount.findMany({ where: { vinLast6: last6.toUpperCase() }, orderBy: accountByVinOrder })).map(toAccount),
      byCustomer: async (customerId) => (await db.vehicleAccount.findMany({ where: { customerId }, orderBy: accountByVinOrder })).map(toAccount),
    },
    banks: {
      onFileFor: async (customerId) => {
        const r = await db.bankAccount.findFirst({ where: { customerId }, orderBy: { createdAt: 'desc' } });
        return r ? { id: r.id, customerId: r.customerId, routingNumber: r.routingNumber, accountToken: r.accountToken, accountLast4: r.accountLast4 } : null;
      },
    },
    vault: {
      tokenize: async (routingNumber, accountNumber) => {
        const token = newBankToken();
        const sealed = seal(vaultKey, token, accountNumber);
        await db.vaultEntry.create({ data: { token, routingNumber, ...sealed } });
        return token;
      },
      reveal: async (token) => {
        const r = await db.vaultEntry.findUnique({ where: { token } });
        return r ? { routingNumber: r.routingNumber, accountNumber: unseal(vaultKey, token, r) } : null;
      },
    },
    payments: {
      async record(p, d) {
        try {
          const row = await db.$transaction(async (tx) => {
            const created = await tx.payment.create({ data: { ...p } });
            if (d) {
              // Conditional decrement: if another payment moved the balances first, nothing overdraws.
              const updated = await tx.vehicleAccount.updateMany({
                where: {
                  id: p.accountId,
                  amountDueCents: { gte: d.amountDueCents },
                  pastDueCents: { gte: d.pastDueCents },
                  principalCents: { gte: d.principalCents },
                  payoffCents: { gte: d.payoffCents },
                },
                data: {
                  amountDueCents: { decrement: d.amountDueCents },
                  pastDueCents: { decrement: d.pastDueCents },
                  principalCents: { decrement: d.principalCents },
                  payoffCents: { decrement: d.payoffCents },
                },
              });
              if (updated.count !== 1) throw new BalanceChangedError();
              if (d.paidOffOn) {
                await tx.vehicleAccount.update({
                  where: { id: p.accountId },
                  data: { status: 'paid_off', paidOffOn: d.paidOffOn, nextDueDate: null, amountDueCents: 0, pastDueCents: 0 },
                });
              }
            }
            return created;
          });
          return { payment: toPayment(row), duplicate: false };
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          // Lost a race with the same idempotency key (or drew a used confirmation number).
          const existing = await db.payment.findUnique({ where: { idempotencyKey: p.idempotencyKey } });
          if (existing) return { payment: toPayment(existing), duplicate: true };
          throw new ConfirmationNumberTakenError();
        }
      },
      byIdempotencyKey: async (key) => {
        const r = await db.payment.findUnique({ where: { idempotencyKey: key } });
        return r ? toPayment(r) : null;
      },
      history: async (accountId, limit) =>
        (await db.payment.findMany({ where: { accountId }, orderBy: [{ scheduledFor: 'desc' }, { createdAt: 'desc' }], take: limit })).map(toPayment),
      pending: async (accountId) =>
        (await db.payment.findMany({ where: { accountId, status: 'scheduled' }, orderBy: [{ scheduledFor: 'asc' }, { createdAt: 'asc' }] })).map(toPayment),
    },
    autopay: {
      forAccount: async (accountId) => {
        const r = await db.autoPayEnrollment.findUnique({ where: { accountId } });
        return r ? toAutoPay(r) : null;
      },
      upsert: async (e) => {
        const data = { ...e, active: true, enrolledAt: new Date(), cancelledAt: null };
        return toAutoPay(await db.autoPayEnrollment.upsert({ where: { accountId: e.accountId }, create: data, update: data }));
      },
      cancel: async (accountId, at) => {
        const r = await db.autoPayEnrollment.updateManyAndReturn({ where: { accountId }, data: { active: false, cancelledAt: at } });
        return r[0] ? toAutoPay(r[0]) : null;
      },
    },
    titles: {
      forAccount: async (accountId) => {
        const r = await db.titleRecord.findUnique({ where: { accountId } });
        return r ? toTitle(r) : null;
      },
      setEmailUpdates: async (accountId, on) => {
        await db.titleRecord.updateMany({ where: { accountId }, data: { emailUpdates: on } });
      },
    },
    fico: {
      latest: async (customerId) => {
        const r = await db.ficoScore.findFirst({ where: { customerId }, orderBy: { asOf: 'desc' } });
        return r ? toFico(r) : null;
      },
    },
    verification: {
      recordAttempt: async (a) => {
        await db.verificationAttempt.create({ data: a });
      },
      failuresSince: async (scope, key, since) => {
        const state = await db.verificationScope.findUnique({ where: { scope_key: { scope, key } } });
        const at = state?.clearedAt && state.clearedAt >= since ? { gt: state.clearedAt } : { gte: since };
        return db.verificationAttempt.count({ where: { success: false, [attemptColumn(scope)]: key, at } });
      },
      lock: async (scope, key, until) => {
        await db.verificationScope.upsert({ where: { scope_key: { scope, key } }, create: { scope, key, lockedUntil: until }, update: { lockedUntil: until } });
      },
      lockedUntil: async (scope, key, now) => {
        const state = await db.verificationScope.findUnique({ where: { scope_key: { scope, key } } });
        return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
      },
      clearFailures: async (scope, key, at) => {
        await db.verificationScope.upsert({ where: { scope_key: { scope, key } }, create: { scope, key, clearedAt: at }, update: { clearedAt: at } });
      },
      allFailuresSince: async (since) => db.verificationAttempt.count({ where: { success: false, at: { gte: since } } }),
      createChallenge: async (c) => {
        await db.verificationChallenge.create({ data: c });
      },
      latestChallenge: async (sessionId) =>
        db.verificationChallenge.findFirst({ where: { sessionId, closedAt: null }, orderBy: { createdAt: 'desc' } }),
      recordWrongCode: async (id) => {
        // One atomic increment: concurrent wrong codes cannot both see the same count.
        const rows = await db.verificationChallenge.updateManyAndReturn({ where: { id }, data: { failedAttempts: { increment: 1 } }, select: { failedAttempts: true } });
        return rows[0]?.failedAttempts ?? 0;
      },
      closeChallenge: async (id, at) => {
        await db.verificationChallenge.updateMany({ where: { id, closedAt: null }, data: { closedAt: at } });
      },
      challengesSince: async (accountId, since) => db.verificationChallenge.count({ where: { accountId, createdAt: { gte: since } } }),
    },
    audit: {
      record: async (entry) => {
        await db.auditEntry.create({
          data: {
            kind: entry.kind satisfies AuditKind,
            sessionId: entry.sessionId,
            customerId: entry.customerId,
            accountId: entry.accountId,
            details: JSON.stringify(entry.details),
            at: entry.at,
          },
        });
      },
    },
    outbox: {
      enqueue: async (m) => {
        try {
          await db.outboxMessage.create({ data: { channel: m.channel, to: m.to, body: m.body, status: m.status ?? 'pending', dedupeKey: m.dedupeKey, createdAt: m.at } });
          return true;
        } catch (e) {
          if (isUniqueViolation(e)) return false;
          throw e;
        }
      },
      pending: async (limit) => (await db.outboxMessage.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'asc' }, take: limit })).map(toOutbox),
      mark: async (id, status) => {
        await db.outboxMessage.updateMany({ where: { id }, data: { status } });
      },
    },
    sessions: {
      // Every turn on every channel loads and saves its session: plain SQL both stores accept, as
      // Prisma's per-query compilation costs more than the query (see directline-store.ts).
      load: async (id) => {
        const [r] = await db.$queryRaw<{ id: string; state: string; version: number; updatedAt: Date }[]>`
          SELECT "id", "state", "version", "updatedAt" FROM "ConversationSession" WHERE "id" = ${id}`;
        return r ? { id: r.id, state: JSON.parse(r.state) as unknown, version: Number(r.version), updatedAt: r.updatedAt } : null;
      },
      save: async (id, state, expectedVersion, at) => {
        const json = JSON.stringify(state);
        if (expectedVersion === 0) {
          try {
            await db.conversationSession.create({ data: { id, state: json, version: 1, updatedAt: at } });
            return 1;
          } catch (e) {
            if (isUniqueViolation(e)) return null;
            throw e;
          }
        }
        const count = await db.$executeRaw`
          UPDATE "ConversationSession" SET "state" = ${json}, "version" = ${expectedVersion + 1}, "updatedAt" = ${at}
          WHERE "id" = ${id} AND "version" = ${expectedVersion}`;
        return count === 1 ? expectedVersion + 1 : null;
      },
      delete: async (id) => {
        await db.conversationSession.deleteMany({ where: { id } });
      },
    },
    ping: async () => {
      try {
        await db.$queryRawUnsafe('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.$disconnect(),
    directLine: prismaDirectLineStore(db),
    insert: {
      customer: async (c) => {
        await db.customer.create({ data: c });
      },
      account: async (a) => {
        await db.vehicleAccount.create({ data: { ...a, vinLast6: a.vin.slice(-6) } });
      },
      bank: async (b) => {
        await db.bankAccount.create({ data: b });
      },
      payment: async (p) => {
        await db.payment.create({ data: p });
      },
      autopay: async (e) => {
        await db.autoPayEnrollment.create({ data: e });
      },
      title: async (t) => {
        await db.titleRecord.create({ data: { ...t, milestones: JSON.stringify(t.milestones) } });
      },
      fico: async (f) => {
        await db.ficoScore.create({ data: { ...f, factors: JSON.stringify(f.factors) } });
      },
    },
  };
}

/**
 * Repositories over the configured store (SQLite for `file:` URLs, else
 * PostgreSQL). The database must already be prepared (scripts/db-prepare.ts).
 */
export async function createPrismaRepositories(config: PrismaRepositoryOptions): Promise<PrismaRepositories> {
  const db = openPrismaClient(config);
  await db.$connect();
  if (config.databaseKind === 'sqlite') {
    // Write-ahead logging lets readers run beside a writer, and NORMAL sync (safe in WAL mode)
    // drops an fsync per commit; a short busy wait rides over another process's write.
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await db.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
  }
  return prismaRepositories(db, config.vaultKey);
}
