import type { TurnContext } from '../turn-context';
import { startPayment } from './pay';

/**
 * Paying the loan off ("pay it off", "quiero liquidar"): the payoff quote,
 * then a payment of that amount through the ordinary payment flow (date, bank,
 * read-back, confirmation).
 */
export async function startPayoffPayment(ctx: TurnContext): Promise<void> {
  const account = ctx.currentAccount();
  const quote = await ctx.svc.accounts.payoffQuote(ctx.actor(), account.id);
  ctx.say('payoff.quote', { vehicle: account.vehicle, amount: quote.amountCents, date: quote.goodThrough });
  await startPayment(ctx, { amountCents: quote.amountCents, quiet: true });
}
