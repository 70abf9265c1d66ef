import type { Message } from '../contract';
import type { FlowSpec } from '../flow';
import { maskSensitiveText } from '../../security/redact';
import type { ChoiceOption, Intent } from '../nlu-port';
import type { TurnContext } from '../turn-context';
import type { AccountBrief } from '../../accounts';

/** An amount or a day: the answer to a question that comes after the vehicle. */
function answersAhead(ctx: TurnContext, text: string): boolean {
  if (ctx.deps.nlu.readAmount(text, ctx.locale, { amountDueCents: 0, pastDueCents: 0, payoffCents: 0 }).kind === 'cents') return true;
  return ctx.deps.nlu.readDate(text, ctx.locale, ctx.svc.today()).kind === 'date';
}

/** A vehicle as an option to pick by its label, its year, make or model, or the last four of its account number or VIN. */
export function vehicleOption(account: AccountBrief): ChoiceOption {
  const last4 = [account.last4];
  if (account.vinLast6) last4.push(account.vinLast6.slice(-4));
  return { value: account.id, label: account.vehicle, last4 };
}

/** Which vehicle a request is about, when the customer has more than one that fits it: returns the account chosen. */
export const chooseAccountFlow: FlowSpec = {
  name: 'choose_account',
  steps: {
    pick: {
      prompt(ctx, flow) {
        const accounts = ctx.accountsFor(String(flow.data.intent) as Intent);
        const spoken: Message[] =
          ctx.channel === 'voice'
            ? accounts.map((account, i) => ({ key: 'account.optionPress', params: { vehicle: account.vehicle, last4: account.last4, digit: i + 1 } }))
            : [];
        return {
          messages: [{ key: 'account.pick' }, ...spoken],
          expect: {
            kind: 'choice',
            choices: accounts.map((account, i) => ({ value: account.id, labelKey: 'account.option', labelParams: { vehicle: account.vehicle, last4: account.last4 }, digit: String(i + 1) })),
          },
        };
      },
      async read(ctx, flow, answer) {
        const accounts = ctx.accountsFor(String(flow.data.intent) as Intent);
        let chosen: AccountBrief | undefined;
        if (answer.button) chosen = accounts.find((acc) => acc.id === answer.button);
        if (!chosen && answer.digits && /^\d$/.test(answer.digits)) chosen = accounts[Number(answer.digits) - 1];
        if (!chosen && answer.text && !answer.digits) {
          // "The second one", "el primero", "the last one", "the Jeep", "the 2019", "the one ending 0005".
          const reading = ctx.deps.nlu.readChoice(answer.text, ctx.locale, accounts.map(vehicleOption));
          if (reading.kind === 'picked') chosen = accounts.find((acc) => acc.id === reading.value);
          else if (reading.kind === 'ambiguous') {
            const vehicles = accounts.filter((acc) => reading.values.includes(acc.id)).map((acc) => `${acc.vehicle} (…${acc.last4})`);
            return { kind: 'invalid', message: { key: 'account.pickWhichOf', params: { vehicles: vehicles.join(' / ') } } };
          }
        }
        if (!chosen && answer.text && !answer.digits && answersAhead(ctx, answer.text)) {
          // "Two twenty five", "today": what the request will ask next, kept for it; the vehicle is still needed.
          ctx.state.answersAhead = [...(ctx.state.answersAhead ?? []), maskSensitiveText(answer.text)].slice(-3);
          ctx.say('account.keptForLater');
          ctx.prompt();
          return { kind: 'accepted' };
        }
        if (!chosen) return answer.text && !answer.digits ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'account.pickInvalid' } };
        await ctx.finishFlow({ kind: 'account', accountId: chosen.id });
        return { kind: 'accepted' };
      },
    },
  },
};
