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
import { randomUUID } from 'node:crypto';
import { openDatabase, type Db, type DatabaseSettings } from './connect';
import type { Sql } from './sql';
import { prismaDirectLineStore } from './directline-store';
import { activityChannel } from './directline-signals';
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

/** A unique-constraint violation, from Prisma (P2002) or from its driver adapter directly (see `sql.ts`). */
function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  return (e as { code?: unknown }).code === 'P2002' || (e as { cause?: { kind?: unknown } }).cause?.kind === 'UniqueConstraintViolation';
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

/**
 * The ports over a Prisma client (SQLite or PostgreSQL), built once by the
 * composition root. What a turn reads and writes on the way to verifying and
 * paying (sessions, Direct Line, verification limits, the customer's accounts,
 * audit) is plain SQL on the client's own connection (`sql`): Prisma's model
 * API costs about a millisecond a query in planning and mapping, the
 * statement itself a few hundredths. Rarer paths keep the model API.
 * `notifyChannel`: the PostgreSQL channel Direct Line appends are announced
 * on (none on SQLite, which one server owns).
 */
export function prismaRepositories(db: Db, sql: Sql, close: () => Promise<void>, vaultKeys: KeyRing<Buffer>, notifyChannel?: string): PrismaRepositories {
  return {
    customers: {
      byId: async (id) => {
        const [r] = await sql.query<CustomerRow>`SELECT * FROM "Customer" WHERE "id" = ${id}`;
        return r ? toCustomer(r) : null;
      },
      byTaxIdHash: async (hash) => (await sql.query<CustomerRow>`SELECT * FROM "Customer" WHERE "taxIdHash" = ${hash} ORDER BY "id" ASC`).map(toCustomer),
      byMobile: async (e164) => {
        const [r] = await sql.query<CustomerRow>`SELECT * FROM "Customer" WHERE "mobile" = ${e164}`;
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
        const [r] = await sql.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "id" = ${id}`;
        return r ? toAccount(r) : null;
      },
      byAccountNumber: async (n) => {
        const [r] = await sql.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "accountNumber" = ${n}`;
        return r ? toAccount(r) : null;
      },
      byVin: async (vin) => {
        const [r] = await sql.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "vin" = ${vin.toUpperCase()}`;
        return r ? toAccount(r) : null;
      },
      byVinSuffix: async (last6) =>
        (await sql.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "vinLast6" = ${last6.toUpperCase()} ORDER BY "accountNumber" ASC`).map(toAccount),
      byCustomer: async (customerId) =>
        (await sql.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "customerId" = ${customerId} ORDER BY "accountNumber" ASC`).map(toAccount),
    },
    banks: {
      onFileFor: async (customerId) => {
        const [r] = await sql.query<{ id: string; customerId: string; routingNumber: string; accountToken: string; accountLast4: string }>`
          SELECT "id", "customerId", "routingNumber", "accountToken", "accountLast4" FROM "BankAccount"
          WHERE "customerId" = ${customerId} ORDER BY "createdAt" DESC LIMIT 1`;
        return r ? { id: r.id, customerId: r.customerId, routingNumber: r.routingNumber, accountToken: r.accountToken, accountLast4: r.accountLast4 } : null;
      },
    },
    vault: {
      tokenize: async (routingNumber, accountNumber) => {
        const token = newBankToken();
        await sql.insert('VaultEntry', { token, routingNumber, createdAt: new Date(), ...sealEntry(vaultKeys, token, accountNumber) });
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
        const [earlier] = await sql.query<PaymentRow>`SELECT * FROM "Payment" WHERE "idempotencyKey" = ${target.idempotencyKey}`;
        if (earlier) return { payment: toPayment(earlier), duplicate: true };
        let drawn: string | null = null;
        try {
          return await sql.transaction(async (tx) => {
            const [row] = await tx.query<AccountRow>`SELECT * FROM "VehicleAccount" WHERE "id" = ${target.accountId}`;
            if (!row) throw new Error(`unknown account ${target.accountId}`);
            const account = toAccount(row);
            const sameDate = (
              await tx.query<PaymentRow>`
                SELECT * FROM "Payment" WHERE "accountId" = ${account.id} AND "scheduledFor" = ${target.date}
                ORDER BY "createdAt" ASC, "sameDayRepeat" ASC`
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
            const [created] = await tx.query<PaymentRow>`
              INSERT INTO "Payment" ("id", "accountId", "amountCents", "kind", "scheduledFor", "method", "channel", "status", "confirmationNumber",
                "routingNumber", "bankAccountToken", "bankAccountLast4", "bankAccountType", "cardToken", "cardBrand", "cardLast4", "cardExpiry",
                "idempotencyKey", "createdAt", "sameDayRepeat")
              VALUES (${randomUUID()}, ${p.accountId}, ${p.amountCents}, ${p.kind}, ${p.scheduledFor}, ${p.method}, ${p.channel}, ${p.status}, ${p.confirmationNumber},
                ${p.routingNumber}, ${p.bankAccountToken}, ${p.bankAccountLast4}, ${p.bankAccountType ?? null}, ${p.cardToken ?? null}, ${p.cardBrand ?? null},
                ${p.cardLast4 ?? null}, ${p.cardExpiry ?? null}, ${p.idempotencyKey}, ${new Date()}, ${sameDayRepeat})
              RETURNING *`;
            if (d) {
              if (!decrementFits(account, d)) throw new Error('a payment may not overdraw the account balances');
              // Only if the balances are still the ones the decision was made on.
              const updated = await tx.execute`
                UPDATE "VehicleAccount" SET
                  "amountDueCents" = "amountDueCents" - ${d.amountDueCents}, "pastDueCents" = "pastDueCents" - ${d.pastDueCents},
                  "principalCents" = "principalCents" - ${d.principalCents}, "payoffCents" = "payoffCents" - ${d.payoffCents}
                WHERE "id" = ${account.id} AND "status" = ${account.status} AND "amountDueCents" = ${account.amountDueCents}
                  AND "pastDueCents" = ${account.pastDueCents} AND "principalCents" = ${account.principalCents} AND "payoffCents" = ${account.payoffCents}`;
              if (updated !== 1) throw new BalanceChangedError();
              if (d.paidOffOn) {
                await tx.execute`
                  UPDATE "VehicleAccount" SET "status" = 'paid_off', "paidOffOn" = ${d.paidOffOn}, "nextDueDate" = NULL,
                    "amountDueCents" = 0, "pastDueCents" = 0, "principalCents" = 0
                  WHERE "id" = ${account.id}`;
              }
            }
            return { payment: toPayment(created!), duplicate: false };
          });
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          // Lost a race with the same idempotency key, drew a used confirmation number,
          // or another payment of this amount for this date got in first.
          const [existing] = await sql.query<PaymentRow>`SELECT * FROM "Payment" WHERE "idempotencyKey" = ${target.idempotencyKey}`;
          if (existing) return { payment: toPayment(existing), duplicate: true };
          const taken = drawn !== null && (await sql.query`SELECT "id" FROM "Payment" WHERE "confirmationNumber" = ${drawn}`).length > 0;
          throw taken ? new ConfirmationNumberTakenError() : new BalanceChangedError();
        }
      },
      byIdempotencyKey: async (key) => {
        const [r] = await sql.query<PaymentRow>`SELECT * FROM "Payment" WHERE "idempotencyKey" = ${key}`;
        return r ? toPayment(r) : null;
      },
      history: async (accountId, limit) =>
        (await db.payment.findMany({ where: { accountId }, orderBy: [{ scheduledFor: 'desc' }, { createdAt: 'desc' }], take: limit })).map(toPayment),
      pending: async (accountId) =>
        (
          await sql.query<PaymentRow>`
            SELECT * FROM "Payment" WHERE "accountId" = ${accountId} AND "status" IN ('scheduled', 'awaiting_validation')
            ORDER BY "scheduledFor" ASC, "createdAt" ASC`
        ).map(toPayment),
    },
    autopay: {
      forAccount: async (accountId) => {
        const [r] = await sql.query<AutoPayRow>`SELECT * FROM "AutoPayEnrollment" WHERE "accountId" = ${accountId}`;
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
        await sql.execute`
          INSERT INTO "VerificationAttempt" ("id", "sessionId", "accountId", "callerKey", "channel", "success", "reason", "at")
          VALUES (${randomUUID()}, ${a.sessionId}, ${a.accountId}, ${a.callerKey}, ${a.channel}, ${a.success}, ${a.reason}, ${a.at})`;
      },
      failuresSince: async (scope, key, since) => {
        // Failures after the later of `since` and the last clearing, in one statement.
        const [clearing] = await sql.query<{ clearedAt: Date | null }>`
          SELECT "clearedAt" FROM "VerificationScope" WHERE "scope" = ${scope} AND "key" = ${key}`;
        const cleared = clearing?.clearedAt && clearing.clearedAt >= since ? clearing.clearedAt : null;
        const column = attemptColumn(scope);
        const rows =
          column === 'accountId'
            ? cleared
              ? await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "accountId" = ${key} AND "at" > ${cleared}`
              : await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "accountId" = ${key} AND "at" >= ${since}`
            : column === 'sessionId'
              ? cleared
                ? await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "sessionId" = ${key} AND "at" > ${cleared}`
                : await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "sessionId" = ${key} AND "at" >= ${since}`
              : cleared
                ? await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "callerKey" = ${key} AND "at" > ${cleared}`
                : await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "callerKey" = ${key} AND "at" >= ${since}`;
        return rows[0]?.n ?? 0;
      },
      lock: async (scope, key, until) => {
        await sql.execute`
          INSERT INTO "VerificationScope" ("scope", "key", "lockedUntil") VALUES (${scope}, ${key}, ${until})
          ON CONFLICT ("scope", "key") DO UPDATE SET "lockedUntil" = excluded."lockedUntil"`;
      },
      lockedUntil: async (scope, key, now) => {
        const [state] = await sql.query<{ lockedUntil: Date | null }>`
          SELECT "lockedUntil" FROM "VerificationScope" WHERE "scope" = ${scope} AND "key" = ${key}`;
        return state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null;
      },
      clearFailures: async (scope, key, at) => {
        await sql.execute`
          INSERT INTO "VerificationScope" ("scope", "key", "clearedAt") VALUES (${scope}, ${key}, ${at})
          ON CONFLICT ("scope", "key") DO UPDATE SET "clearedAt" = excluded."clearedAt"`;
      },
      allFailuresSince: async (since) => {
        const [r] = await sql.query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "VerificationAttempt" WHERE "success" = ${false} AND "at" >= ${since}`;
        return r?.n ?? 0;
      },
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
        const kind: AuditKind = entry.kind;
        await sql.execute`
          INSERT INTO "AuditEntry" ("id", "kind", "sessionId", "customerId", "accountId", "details", "at")
          VALUES (${randomUUID()}, ${kind}, ${entry.sessionId}, ${entry.customerId}, ${entry.accountId}, ${JSON.stringify(entry.details)}, ${entry.at})`;
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
      // Every turn on every channel loads and saves its session.
      load: async (id) => {
        const [r] = await sql.query<{ id: string; state: string; version: number; updatedAt: Date }>`
          SELECT "id", "state", "version", "updatedAt" FROM "ConversationSession" WHERE "id" = ${id}`;
        return r ? { id: r.id, state: JSON.parse(r.state) as unknown, version: Number(r.version), updatedAt: r.updatedAt } : null;
      },
      loadForTurn: async (id, turnKey) => {
        const [r] = await sql.query<{ id: string; state: string; version: number; updatedAt: Date; answer: string | null }>`
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
          return await sql.transaction(async (tx) => {
            if (expectedVersion === 0) {
              const created = await tx.execute`
                INSERT INTO "ConversationSession" ("id", "state", "version", "updatedAt") VALUES (${id}, ${json}, 1, ${at})
                ON CONFLICT ("id") DO NOTHING`;
              if (created !== 1) throw new LostSave();
            } else {
              const count = await tx.execute`
                UPDATE "ConversationSession" SET "state" = ${json}, "version" = ${expectedVersion + 1}, "updatedAt" = ${at}
                WHERE "id" = ${id} AND "version" = ${expectedVersion}`;
              if (count !== 1) throw new LostSave();
            }
            if (answered) {
              const output = JSON.stringify(answered.output);
              const inserted = await tx.execute`
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
        await sql.query`SELECT 1 AS "ok"`;
        return true;
      } catch {
        return false;
      }
    },
    close,
    directLine: prismaDirectLineStore(db, sql, notifyChannel),
    turnEvents: prismaTurnEvents(db),
    handoffs: prismaHandoffs(db),
    agentSessions: prismaHandoffs(db).sessions,
    // Plain SQL too: seeding a new database is then the only reason a fresh demo server would load Prisma's query compiler.
    insert: {
      customer: async (c) => {
        await sql.insert('Customer', { createdAt: new Date(), ...c });
      },
      account: async (a) => {
        await sql.insert('VehicleAccount', { ...a, vinLast6: a.vin.slice(-6) });
      },
      bank: async (b) => {
        await sql.insert('BankAccount', { createdAt: new Date(), ...b });
      },
      payment: async (p) => {
        await sql.insert('Payment', { ...p });
      },
      autopay: async (e) => {
        await sql.insert('AutoPayEnrollment', { ...e });
      },
      title: async (t) => {
        await sql.insert('TitleRecord', { ...t, milestones: JSON.stringify(t.milestones) });
      },
      fico: async (f) => {
        await sql.insert('FicoScore', { id: randomUUID(), ...f, factors: JSON.stringify(f.factors) });
      },
    },
  };
}

/**
 * Repositories over the configured store (SQLite for `file:` URLs, else
 * PostgreSQL). The database must already be prepared (data/prepare-database.ts).
 */
export async function createPrismaRepositories(config: PrismaRepositoryOptions): Promise<PrismaRepositories> {
  const { db, sql, close } = openDatabase(config);
  // The connection opens here, through the plain-SQL side; the Prisma client joins it (and loads its
  // query compiler, some 30 MB) only when a model query first runs, which no chat or call turn needs.
  await sql.query`SELECT 1 AS "ok"`;
  if (config.databaseKind === 'sqlite') {
    // Write-ahead logging lets readers run beside a writer, and NORMAL sync (safe in WAL mode)
    // drops an fsync per commit; a short busy wait rides over another process's write.
    await sql.query`PRAGMA journal_mode = WAL`;
    await sql.execute`PRAGMA synchronous = NORMAL`;
    await sql.query`PRAGMA busy_timeout = 5000`;
  }
  return prismaRepositories(db, sql, close, vaultKeyRing(config), config.databaseKind === 'postgres' ? activityChannel(config.databaseUrl) : undefined);
}
