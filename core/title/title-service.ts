import type { AccountRepository, CustomerRepository, TitleRepository } from '../store/ports';
import type { TitleStatus } from '../shared/types';
import { err, ok, type Result } from '../shared/result';
import type { AuditTrail } from '../audit/audit-trail';
import { ownedAccount, type CustomerContext, type OwnershipCode } from '../accounts/customer-context';

export type TitleCode = OwnershipCode | 'TITLE.NOT_PAID_OFF' | 'TITLE.NO_EMAIL' | 'TITLE.EMAIL_INVALID';

/** Title progress with what the customer may be told about the address updates would go to. */
export interface TitleInfo extends TitleStatus {
  /** An email address is on file. */
  hasEmail: boolean;
  /** The address on file as it may be shown back: "j•••y@example.com". */
  emailHint: string | null;
}

export interface TitleService {
  /** Lien release and title progress; an account still being paid reports state 'not_paid_off'. */
  status(ctx: CustomerContext, accountId: string): Promise<Result<TitleInfo, OwnershipCode>>;
  /**
   * Turns emailed title updates on or off; opting in needs an email address on
   * file. With `email`, they go to that address, which becomes the one on file.
   */
  setEmailUpdates(ctx: CustomerContext, accountId: string, on: boolean, email?: string): Promise<Result<TitleStatus, TitleCode>>;
  /** Whether text reads as an email address. */
  isEmailAddress(text: string): boolean;
}

export function createTitleService(deps: {
  accounts: AccountRepository;
  customers: CustomerRepository;
  titles: TitleRepository;
  audit: AuditTrail;
}): TitleService {
  async function statusOf(accountId: string): Promise<TitleStatus> {
    return (
      (await deps.titles.forAccount(accountId)) ?? {
        accountId,
        state: 'not_paid_off',
        milestones: [],
        carrier: null,
        trackingNumber: null,
        expectedDelivery: null,
        emailUpdates: false,
      }
    );
  }
  return {
    async status(ctx, accountId) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const email = (await deps.customers.byId(ctx.customerId))?.email ?? null;
      return ok({ ...(await statusOf(accountId)), hasEmail: Boolean(email), emailHint: email ? emailHint(email) : null });
    },
    isEmailAddress,
    async setEmailUpdates(ctx, accountId, on, email) {
      const owned = await ownedAccount(deps.accounts, ctx, accountId);
      if (!owned.ok) return owned;
      const current = await deps.titles.forAccount(accountId);
      if (!current) return err('TITLE.NOT_PAID_OFF');
      if (email !== undefined) {
        if (!isEmailAddress(email)) return err('TITLE.EMAIL_INVALID');
        await deps.customers.update(ctx.customerId, { email: email.trim() });
        await deps.audit.record('customer.email_changed', { sessionId: ctx.sessionId, customerId: ctx.customerId, accountId }, {});
      }
      if (on) {
        const customer = await deps.customers.byId(ctx.customerId);
        if (!customer?.email) return err('TITLE.NO_EMAIL');
      }
      await deps.titles.setEmailUpdates(accountId, on);
      await deps.audit.record('title.email_updates', { sessionId: ctx.sessionId, customerId: ctx.customerId, accountId }, { on });
      return ok(await statusOf(accountId));
    },
  };
}

/**
 * An address mail can be sent to, as people type them: one @, a local part,
 * a domain with a dot, no spaces, within the lengths mail servers accept.
 */
export function isEmailAddress(text: string): boolean {
  const t = text.trim();
  return t.length <= 254 && /^[^\s@]{1,64}@[^\s@]+\.[A-Za-z]{2,}$/.test(t) && !t.includes('..');
}

/** An email address shown back without giving it away: the first and last letters of the name, and the domain. */
export function emailHint(email: string): string {
  const [name = '', domain = ''] = email.split('@');
  const shown = name.length <= 2 ? `${name[0] ?? ''}•••` : `${name[0]}•••${name[name.length - 1]}`;
  return `${shown}@${domain}`;
}
