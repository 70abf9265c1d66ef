import type { BankVault, StoreWriter } from '../core/store/ports';
import type { Customer, FicoScore, IsoDate, Payment, TitleStatus, VehicleAccount } from '../core/shared/types';
import { addDays, nextDayOfMonth } from '../core/shared/dates';
import { hashTaxId } from '../core/security/keyed-hash';

/**
 * The demo customers testers drive every channel with. Dates are relative to
 * the day the store is seeded (in the lender's time zone) so "due in 12 days"
 * stays true whenever the demo is set up.
 */

interface DemoCustomer {
  id: string;
  name: string;
  language: 'en' | 'es';
  kind: 'person' | 'business';
  taxIdKind: 'ssn' | 'ein';
  /** Only here to be hashed at seed time; never written anywhere. */
  taxIdDigits: string;
  zip: string;
  mobile: string;
  email: string;
  textAlerts: boolean;
}

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { id: 'cus_jordan_avery', name: 'Jordan Avery', language: 'en', kind: 'person', taxIdKind: 'ssn', taxIdDigits: '401227788', zip: '28202', mobile: '+17045550101', email: 'jordan.avery@example.com', textAlerts: true },
  { id: 'cus_maria_lopez', name: 'María López', language: 'es', kind: 'person', taxIdKind: 'ssn', taxIdDigits: '533182046', zip: '33130', mobile: '+13055550122', email: 'maria.lopez@example.com', textAlerts: true },
  { id: 'cus_priya_shah', name: 'Priya Shah', language: 'en', kind: 'person', taxIdKind: 'ssn', taxIdDigits: '612093345', zip: '60614', mobile: '+13125550143', email: 'priya.shah@example.com', textAlerts: false },
  { id: 'cus_blue_ridge', name: 'Blue Ridge Landscaping LLC', language: 'en', kind: 'business', taxIdKind: 'ein', taxIdDigits: '561234567', zip: '28801', mobile: '+18285550164', email: 'office@blueridgelandscaping.example.com', textAlerts: false },
];

/** Bank accounts on file; the full number goes only through the vault. */
export const DEMO_BANKS = [
  { id: 'bank_jordan', customerId: 'cus_jordan_avery', routingNumber: '021000021', accountNumber: '000123454321' },
  { id: 'bank_blue_ridge', customerId: 'cus_blue_ridge', routingNumber: '011000015', accountNumber: '000987651122' },
] as const;

export interface DemoAccount {
  id: string;
  customerId: string;
  accountNumber: string;
  vin: string;
  year: number;
  make: string;
  model: string;
  product: 'retail' | 'lease';
  principalCents: number;
  interestCents: number;
  monthlyPaymentCents: number;
  pastDueCents: number;
  /** Days from the seed date to the next due date; null once paid off or when Auto Pay sets it. */
  dueInDays: number | null;
  /**
   * The Auto Pay day when the account drafts automatically. Such an account is
   * due on that day of the month (the next one after seeding), so the draft
   * always lands on its due date, never after it.
   */
  autoPayDay: number | null;
  paidOffDaysAgo: number | null;
  /** Months of past posted payments to invent. */
  history: number;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { id: 'acc_4100020001', customerId: 'cus_jordan_avery', accountNumber: '4100020001', vin: '2HGFE2F5XMH512345', year: 2021, make: 'Honda', model: 'Civic', product: 'retail', principalCents: 1_425_080, interestCents: 3_912, monthlyPaymentCents: 41_236, pastDueCents: 0, dueInDays: 12, autoPayDay: null, paidOffDaysAgo: null, history: 6 },
  { id: 'acc_4100020005', customerId: 'cus_jordan_avery', accountNumber: '4100020005', vin: '1C4RJFBG1KC716554', year: 2019, make: 'Jeep', model: 'Grand Cherokee', product: 'retail', principalCents: 612_045, interestCents: 1_688, monthlyPaymentCents: 35_690, pastDueCents: 0, dueInDays: 7, autoPayDay: null, paidOffDaysAgo: null, history: 4 },
  { id: 'acc_4100020002', customerId: 'cus_maria_lopez', accountNumber: '4100020002', vin: '1FTEW1EP5LFA67890', year: 2020, make: 'Ford', model: 'F-150', product: 'retail', principalCents: 2_184_033, interestCents: 7_415, monthlyPaymentCents: 58_910, pastDueCents: 58_910, dueInDays: 5, autoPayDay: null, paidOffDaysAgo: null, history: 3 },
  { id: 'acc_4100020003', customerId: 'cus_priya_shah', accountNumber: '4100020003', vin: '5YJ3E1EA2PF402233', year: 2023, make: 'Tesla', model: 'Model 3', product: 'retail', principalCents: 0, interestCents: 0, monthlyPaymentCents: 61_245, pastDueCents: 0, dueInDays: null, autoPayDay: null, paidOffDaysAgo: 20, history: 4 },
  { id: 'acc_4100020004', customerId: 'cus_blue_ridge', accountNumber: '4100020004', vin: '3TMCZ5AN0NM487120', year: 2022, make: 'Toyota', model: 'Tacoma', product: 'lease', principalCents: 1_391_200, interestCents: 2_870, monthlyPaymentCents: 49_800, pastDueCents: 0, dueInDays: null, autoPayDay: 15, paidOffDaysAgo: null, history: 5 },
];

export interface DemoSeedOptions {
  /** The business date the demo is seeded on. */
  today: IsoDate;
  identityHashKey: string;
  /** Stored beside each hash (IDENTITY_HASH_KEY_ID); k1 when not given. */
  identityHashKeyId?: string;
}

function customerRow(c: DemoCustomer, hashKey: string, hashKeyId: string): Customer {
  return {
    id: c.id,
    name: c.name,
    language: c.language,
    kind: c.kind,
    taxIdKind: c.taxIdKind,
    taxIdHash: hashTaxId(hashKey, c.taxIdDigits),
    taxIdHashKeyId: hashKeyId,
    taxIdLast4: c.taxIdDigits.slice(-4),
    zip: c.zip,
    mobile: c.mobile,
    email: c.email,
    textAlerts: c.textAlerts,
    smsOptedOut: false,
  };
}

/**
 * A demo account's next due date seeded on `today`: a fixed number of days
 * ahead, or, for an account on Auto Pay, its Auto Pay day of the month (the
 * next one after today).
 */
export function demoDueDate(a: DemoAccount, today: IsoDate): IsoDate | null {
  if (a.paidOffDaysAgo !== null) return null;
  if (a.autoPayDay !== null) return nextDayOfMonth(addDays(today, 1), a.autoPayDay);
  return a.dueInDays === null ? null : addDays(today, a.dueInDays);
}

/** The date of the `i`th past posted payment, newest first: a month apart before the last due date paid (an Auto Pay draft keeps its day of the month). */
function historyDate(a: DemoAccount, today: IsoDate, i: number): IsoDate {
  const due = demoDueDate(a, today);
  if (due === null) return addDays(today, -(a.paidOffDaysAgo ?? 0) - 30 - 30 * i);
  const monthsBack = i + (a.pastDueCents > 0 ? 2 : 1);
  if (a.autoPayDay !== null) {
    const d = new Date(`${due}T12:00:00Z`);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - monthsBack);
    d.setUTCDate(a.autoPayDay);
    return d.toISOString().slice(0, 10);
  }
  return addDays(due, -30 * monthsBack);
}

function accountRow(a: DemoAccount, today: IsoDate): VehicleAccount {
  const paidOff = a.paidOffDaysAgo !== null;
  return {
    id: a.id,
    customerId: a.customerId,
    accountNumber: a.accountNumber,
    vin: a.vin,
    year: a.year,
    make: a.make,
    model: a.model,
    product: a.product,
    status: paidOff ? 'paid_off' : 'active',
    principalCents: a.principalCents,
    payoffCents: a.principalCents + a.interestCents,
    monthlyPaymentCents: a.monthlyPaymentCents,
    amountDueCents: paidOff ? 0 : a.monthlyPaymentCents + a.pastDueCents,
    pastDueCents: a.pastDueCents,
    nextDueDate: demoDueDate(a, today),
    paidOffOn: paidOff ? addDays(today, -(a.paidOffDaysAgo ?? 0)) : null,
  };
}

/** Loads the demo data through a store's writer, tokenizing bank numbers through its vault. */
export async function seedDemoData(writer: StoreWriter, vault: BankVault, opts: DemoSeedOptions): Promise<void> {
  const { today } = opts;
  for (const c of DEMO_CUSTOMERS) await writer.customer(customerRow(c, opts.identityHashKey, opts.identityHashKeyId ?? 'k1'));
  for (const a of DEMO_ACCOUNTS) await writer.account(accountRow(a, today));

  const tokens = new Map<string, { routingNumber: string; token: string; last4: string }>();
  for (const b of DEMO_BANKS) {
    const token = await vault.tokenize(b.routingNumber, b.accountNumber);
    tokens.set(b.customerId, { routingNumber: b.routingNumber, token, last4: b.accountNumber.slice(-4) });
    await writer.bank({ id: b.id, customerId: b.customerId, routingNumber: b.routingNumber, accountToken: token, accountLast4: b.accountNumber.slice(-4) });
  }

  for (const a of DEMO_ACCOUNTS) {
    const bank = tokens.get(a.customerId) ?? null;
    // History ends at the last due date paid (or the payoff), one payment a month before it.
    for (let i = 0; i < a.history; i++) {
      const date = historyDate(a, today, i);
      const payment: Payment = {
        id: `pay_${a.accountNumber}_${i}`,
        accountId: a.id,
        amountCents: a.monthlyPaymentCents,
        kind: 'regular',
        scheduledFor: date,
        method: a.customerId === 'cus_blue_ridge' ? 'autopay' : bank ? 'bank_on_file' : 'card',
        channel: a.customerId === 'cus_blue_ridge' ? 'system' : i % 2 === 0 ? 'chat' : 'voice',
        status: 'posted',
        confirmationNumber: `7${a.accountNumber.slice(-4)}${String(i).padStart(5, '0')}`,
        routingNumber: bank?.routingNumber ?? null,
        bankAccountToken: bank?.token ?? null,
        bankAccountLast4: bank?.last4 ?? null,
        idempotencyKey: `seed:${a.accountNumber}:${i}`,
        createdAt: new Date(`${date}T15:00:00Z`),
      };
      await writer.payment(payment);
    }
  }

  for (const a of DEMO_ACCOUNTS) {
    const bank = tokens.get(a.customerId);
    if (a.autoPayDay === null || !bank) continue;
    await writer.autopay({
      id: `ap_${a.accountNumber}`,
      accountId: a.id,
      dayOfMonth: a.autoPayDay,
      routingNumber: bank.routingNumber,
      bankAccountToken: bank.token,
      bankAccountLast4: bank.last4,
      active: true,
      enrolledAt: new Date(`${addDays(today, -200)}T12:00:00Z`),
      cancelledAt: null,
    });
  }

  const title: TitleStatus = {
    accountId: 'acc_4100020003',
    state: 'title_mailed',
    milestones: [
      { code: 'payoff_received', date: addDays(today, -20) },
      { code: 'lien_release_requested', date: addDays(today, -19) },
      { code: 'lien_released', date: addDays(today, -8) },
      { code: 'title_mailed', date: addDays(today, -3) },
    ],
    carrier: 'USPS',
    trackingNumber: '9400111899223344556677',
    expectedDelivery: addDays(today, 7),
    emailUpdates: false,
  };
  await writer.title(title);

  const scores: FicoScore[] = [
    { customerId: 'cus_jordan_avery', score: 742, model: 'FICO® Score 8', asOf: addDays(today, -14), factors: ['credit_utilization', 'length_of_history'] },
    { customerId: 'cus_maria_lopez', score: 688, model: 'FICO® Score 8', asOf: addDays(today, -14), factors: ['recent_late_payment', 'credit_utilization'] },
    { customerId: 'cus_priya_shah', score: 801, model: 'FICO® Score 8', asOf: addDays(today, -14), factors: ['recent_inquiries', 'credit_mix'] },
  ];
  for (const s of scores) await writer.fico(s);
}
