import {
  BalanceChangedError,
  ConfirmationNumberTakenError,
  decrementFits,
  recordsTarget,
  type AuditKind,
  type LockScope,
  type OutboxMessage,
  type PaymentReminder,
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
import { newBankToken } from '../core/security/vault-cipher';
import { openEntry, resealEntry, sealEntry, vaultKeyRing, type VaultKeyOptions } from '../core/security/vault-keys';
import type { KeyRing } from '../core/security/key-ring';
import { openPrismaClient, type Db, type DatabaseSettings } from './connect';
import { prismaDirectLineStore } from './directline-store';
import type { DirectLineStore } from '../core/store/direct-line-store';
import type { OpsQueries, TurnEventStore } from '../core/analytics';
import type { AgentSessionStore, HandoffStore } from '../core/handoff';
import { prismaTurnEvents } from './analytics-store';
import { prismaHandoffs } from './handoff-store';

/** The bank vault's keys (config VAULT_KEY, VAULT_KEY_ID, VAULT_PREVIOUS_KEYS). */
export interface PrismaRepositoryOptions extends DatabaseSettings, VaultKeyOptions {}

/** Repositories plus a writer for seeding and tests. */
export interface PrismaRepositories extends Repositories {
  insert: StoreWriter;
  /** The local Direct Line's conversations, in the same database. */
  directLine: DirectLineStore;
  /** One analytics event per turn, and the supervisor's grouped queries over them. */
  turnEvents: TurnEventStore & OpsQueries;
  /** The agent desk's queue and live handoff messages. */
  handoffs: HandoffStore;
  /** Signed-in desk users. */
  agentSessions: AgentSessionStore;
}

/** Rolls back a session save that lost to another turn. */
class LostSave extends Error {}

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
type ReminderRow = Row<Db['paymentReminder']['findUniqueOrThrow']>;

const toReminder = (r: ReminderRow): PaymentReminder => ({
  id: r.id,
  customerId: r.customerId,
  accountId: r.accountId,
  dueDate: r.dueDate,
  amountDueCents: r.amountDueCents,
  codeHash: r.codeHash,
  sentAt: r.sentAt,
  expiresOn: r.expiresOn,
  codeAttempts: r.codeAttempts,
});

const toCustomer = (r: CustomerRow): Customer => ({
  id: r.id,
  name: r.name,
  language: r.language as Customer['language'],
  kind: r.kind as Customer['kind'],
  taxIdKind: r.taxIdKind as Customer['taxIdKind'],
  taxIdHash: r.taxIdHash,
  taxIdHashKeyId: r.taxIdHashKeyId,
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
  bankAccountType: r.bankAccountType as Payment['bankAccountType'],
  cardToken: r.cardToken,
  cardBrand: r.cardBrand,
  cardLast4: r.cardLast4,
  cardExpiry: r.cardExpiry,
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
export function prismaRepositories(db: Db, vaultKeys: KeyRing<Buffer>): PrismaRepositories {
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
      setTaxIdHash: async (id, hash, keyId) => {
        await db.customer.updateMany({ where: { id }, data: { taxIdHash: hash, taxIdHashKeyId: keyId } });
      },
      taxIdHashKeyCounts: async () => {
        const groups = await db.customer.groupBy({ by: ['taxIdHashKeyId'], _count: { _all: true } });
        return Object.fromEntries(groups.map((g) => [g.taxIdHashKeyId, g._count._all]));
      },
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
        await db.vaultEntry.create({ data: { token, routingNumber, ...sealEntry(vaultKeys, token, accountNumber) } });
        return token;
      },
      reveal: async (token) => {
        const r = await db.vaultEntry.findUnique({ where: { token } });
        return r ? { routingNumber: r.routingNumber, accountNumber: openEntry(vaultKeys, token, r) } : null;
      },
      rotate: async () => {
        const currentId = vaultKeys.current.id;
        const report = { resealed: 0, unreadable: 0, current: 0 };
        const batch = 200;
        for (let after = ''; ; ) {
          const rows = await db.vaultEntry.findMany({ where: { keyId: { not: currentId }, token: { gt: after } }, orderBy: { token: 'asc' }, take: batch });
          for (const r of rows) {
            const resealed = resealEntry(vaultKeys, r.token, r);
            if (!resealed) {
              report.unreadable += 1;
              continue;
            }
            // Only if no one else moved it meanwhile: the old ciphertext is replaced exactly once.
            const moved = await db.vaultEntry.updateMany({ where: { token: r.token, keyId: r.keyId }, data: resealed });
            report.resealed += moved.count;
          }
          if (rows.length < batch) break;
          after = rows[rows.length - 1]!.token;
        }
        report.current = await db.vaultEntry.count({ where: { keyId: currentId } });
        return report;
      },
    },
    payments: {
      async record(target, decide) {
        const earlier = await db.payment.findUnique({ where: { idempotencyKey: target.idempotencyKey } });
        if (earlier) return { payment: toPayment(earlier), duplicate: true };
        let drawn: string | null = null;
        try {
          return await db.$transaction(async (tx) => {
            const row = await tx.vehicleAccount.findUnique({ where: { id: target.accountId } });
            if (!row) throw new Error(`unknown account ${target.accountId}`);
            const account = toAccount(row);
            const sameDate = (
              await tx.payment.findMany({ where: { accountId: account.id, scheduledFor: target.date }, orderBy: [{ createdAt: 'asc' }, { sameDayRepeat: 'asc' }] })
            ).map(toPayment);
            // A retry whose first attempt committed after the check above: its payment is answered, not decided again
            // (deciding again would read the first attempt as a second payment of the same amount today).
            const retried = sameDate.find((x) => x.idempotencyKey === target.idempotencyKey);
            if (retried) return { payment: retried, duplicate: true };
            const decision = decide({ account, sameDate });
            if ('refuse' in decision) return { refused: decision.refuse };
            const { record: p, decrement: d } = decision;
            if (!recordsTarget(p, target)) throw new Error('the decided payment is not the one being recorded');
            drawn = p.confirmationNumber;
            // Numbered among the payments of this amount, account and date that the decision saw: a payment
            // recorded meanwhile by someone who did not see it takes the same number, and the unique index refuses one.
            const sameDayRepeat = sameDate.filter((x) => x.amountCents === p.amountCents).length;
            const created = await tx.payment.create({ data: { ...p, sameDayRepeat } });
            if (d) {
              if (!decrementFits(account, d)) throw new Error('a payment may not overdraw the account balances');
              // Only if the balances are still the ones the decision was made on.
              const updated = await tx.vehicleAccount.updateMany({
                where: {
                  id: account.id,
                  status: account.status,
                  amountDueCents: account.amountDueCents,
                  pastDueCents: account.pastDueCents,
                  principalCents: account.principalCents,
                  payoffCents: account.payoffCents,
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
                  where: { id: account.id },
                  data: { status: 'paid_off', paidOffOn: d.paidOffOn, nextDueDate: null, amountDueCents: 0, pastDueCents: 0, principalCents: 0 },
                });
              }
            }
            return { payment: toPayment(created), duplicate: false };
          });
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          // Lost a race with the same idempotency key, drew a used confirmation number,
          // or another payment of this amount for this date got in first.
          const existing = await db.payment.findUnique({ where: { idempotencyKey: target.idempotencyKey } });
          if (existing) return { payment: toPayment(existing), duplicate: true };
          const taken = drawn !== null && (await db.payment.findUnique({ where: { confirmationNumber: drawn } })) !== null;
          throw taken ? new ConfirmationNumberTakenError() : new BalanceChangedError();
        }
      },
      byIdempotencyKey: async (key) => {
        const r = await db.payment.findUnique({ where: { idempotencyKey: key } });
        return r ? toPayment(r) : null;
      },
      history: async (accountId, limit) =>
        (await db.payment.findMany({ where: { accountId }, orderBy: [{ scheduledFor: 'desc' }, { createdAt: 'desc' }], take: limit })).map(toPayment),
      pending: async (accountId) =>
        (await db.payment.findMany({ where: { accountId, status: { in: ['scheduled', 'awaiting_validation'] } }, orderBy: [{ scheduledFor: 'asc' }, { createdAt: 'asc' }] })).map(toPayment),
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
    reminders: {
      create: async (r) => {
        try {
          await db.paymentReminder.create({ data: { ...r, codeAttempts: 0 } });
          return true;
        } catch (e) {
          if (isUniqueViolation(e)) return false;
          throw e;
        }
      },
      openFor: async (customerId, today) =>
        (
          await db.paymentReminder.findMany({
            where: { customerId, expiresOn: { gte: today } },
            orderBy: [{ dueDate: 'desc' }, { accountId: 'asc' }],
          })
        ).map(toReminder),
      // One conditional UPDATE: concurrent checks cannot all read the count before any of them bumps it.
      claimCodeAttempt: async (id, limit) =>
        (await db.paymentReminder.updateMany({ where: { id, codeAttempts: { lt: limit } }, data: { codeAttempts: { increment: 1 } } })).count === 1,
    },
    sessions: {
      // Every turn on every channel loads and saves its session: plain SQL both stores accept, as
      // Prisma's per-query compilation costs more than the query (see directline-store.ts).
      load: async (id) => {
        const [r] = await db.$queryRaw<{ id: string; state: string; version: number; updatedAt: Date }[]>`
          SELECT "id", "state", "version", "updatedAt" FROM "ConversationSession" WHERE "id" = ${id}`;
        return r ? { id: r.id, state: JSON.parse(r.state) as unknown, version: Number(r.version), updatedAt: r.updatedAt } : null;
      },
      loadForTurn: async (id, turnKey) => {
        const [r] = await db.$queryRaw<{ id: string; state: string; version: number; updatedAt: Date; answer: string | null }[]>`
          SELECT s."id", s."state", s."version", s."updatedAt", a."output" AS "answer"
          FROM "ConversationSession" s
          LEFT JOIN "AnsweredTurn" a ON a."sessionId" = s."id" AND a."turnKey" = ${turnKey}
          WHERE s."id" = ${id}`;
        if (!r) return { session: null, answer: null };
        const session = { id: r.id, state: JSON.parse(r.state) as unknown, version: Number(r.version), updatedAt: r.updatedAt };
        return { session, answer: r.answer === null ? null : (JSON.parse(r.answer) as unknown) };
      },
      save: async (id, state, expectedVersion, at, answered) => {
        const json = JSON.stringify(state);
        try {
          return await db.$transaction(async (tx) => {
            if (expectedVersion === 0) {
              const created = await tx.$executeRaw`
                INSERT INTO "ConversationSession" ("id", "state", "version", "updatedAt") VALUES (${id}, ${json}, 1, ${at})
                ON CONFLICT ("id") DO NOTHING`;
              if (created !== 1) throw new LostSave();
            } else {
              const count = await tx.$executeRaw`
                UPDATE "ConversationSession" SET "state" = ${json}, "version" = ${expectedVersion + 1}, "updatedAt" = ${at}
                WHERE "id" = ${id} AND "version" = ${expectedVersion}`;
              if (count !== 1) throw new LostSave();
            }
            if (answered) {
              const output = JSON.stringify(answered.output);
              const inserted = await tx.$executeRaw`
                INSERT INTO "AnsweredTurn" ("sessionId", "turnKey", "output", "at") VALUES (${id}, ${answered.turnKey}, ${output}, ${at})
                ON CONFLICT ("sessionId", "turnKey") DO NOTHING`;
              // Already answered by a turn that saved first: roll this one back.
              if (inserted !== 1) throw new LostSave();
            }
            return expectedVersion + 1;
          });
        } catch (e) {
          if (e instanceof LostSave || isUniqueViolation(e)) return null;
          throw e;
        }
      },
      delete: async (id) => {
        await db.$transaction([
          db.answeredTurn.deleteMany({ where: { sessionId: id } }),
          db.conversationSession.deleteMany({ where: { id } }),
        ]);
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
    turnEvents: prismaTurnEvents(db),
    handoffs: prismaHandoffs(db),
    agentSessions: prismaHandoffs(db).sessions,
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
 * PostgreSQL). The database must already be prepared (data/prepare-database.ts).
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
  return prismaRepositories(db, vaultKeyRing(config));
}
