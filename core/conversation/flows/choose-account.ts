import type { Message } from '../contract';
import type { FlowSpec } from '../flow';
import type { Intent } from '../nlu-port';
import type { AccountBrief } from '../services-port';

/** Which vehicle a request is about, when the customer has more than one that fits it: returns the account chosen. */
export const chooseAccountFlow: FlowSpec = {
  name: 'chooseAccount',
  steps: {
    pick: {
      prompt(ctx, flow) {
        const accounts = ctx.accountsFor(String(flow.data.intent) as Intent);
        const spoken: Message[] =
          ctx.channel === 'voice'
            ? accounts.map((a, i) => ({ key: 'account.optionPress', params: { vehicle: a.vehicle, last4: a.last4, digit: i + 1 } }))
            : [];
        return {
          messages: [{ key: 'account.pick' }, ...spoken],
          expect: {
            kind: 'choice',
            choices: accounts.map((a, i) => ({ value: a.id, labelKey: 'account.option', labelParams: { vehicle: a.vehicle, last4: a.last4 }, digit: String(i + 1) })),
          },
        };
      },
      async read(ctx, flow, a) {
        const accounts = ctx.accountsFor(String(flow.data.intent) as Intent);
        let chosen: AccountBrief | undefined;
        if (a.button) chosen = accounts.find((acc) => acc.id === a.button);
        if (!chosen && a.digits && /^\d$/.test(a.digits)) chosen = accounts[Number(a.digits) - 1];
        if (!chosen && a.text) {
          const words = a.text.toLowerCase();
          chosen = accounts.find(
            (acc) =>
              words.includes(acc.last4) ||
              acc.vehicle
                .toLowerCase()
                .split(' ')
                .slice(1)
                .some((w) => w.length > 2 && words.includes(w)),
          );
          if (!chosen) {
            const n = ctx.deps.nlu.number(a.text, ctx.locale);
            if (n !== null && Number.isInteger(n) && n >= 1 && n <= accounts.length) chosen = accounts[n - 1];
          }
        }
        if (!chosen) return a.text && !a.digits ? { kind: 'unrecognized' } : { kind: 'invalid', message: { key: 'account.pickInvalid' } };
        await ctx.finishFlow({ kind: 'account', accountId: chosen.id });
        return { kind: 'accepted' };
      },
    },
  },
};
