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

/** Words of a sum that a vehicle's label may also hold ("two grand" is no Grand Cherokee). */
const SUM_WORDS = /\b(?:grand|grands)\b/g;

/**
 * Another of the customer's vehicles than the one in hand named, by its words
 * ("actually the Jeep", "no, la Jeep, no el Honda"), among those a request
 * fits. Digits are left out: they are amounts and days, not the last four.
 */
export function otherVehicleNamed(ctx: TurnContext, text: string, intent: Intent): AccountBrief | null {
  const accounts = ctx.accountsFor(intent);
  if (accounts.length < 2) return null;
  // A topic for a person ("I lost my job last week…") is never a vehicle named.
  if (ctx.deps.nlu.detectTopic(text, ctx.locale)) return null;
  // "Es la otra, la que termina en 0005": by the last four of its account number or VIN, said as such.
  const ending = ENDING_IN.exec(text.toLowerCase())?.[1];
  const byDigits = ending ? accounts.find((a) => a.last4 === ending || a.vinLast6?.endsWith(ending)) : undefined;
  if (byDigits) return byDigits.id !== ctx.state.accountId ? byDigits : null;
  // "150 like the jeep", "the 5th, same as the jeep": a vehicle compared with is not the one meant.
  const words = text.toLowerCase().replace(LIKE_THE, ' ').replace(/\d+(?:[.,]\d+)?/g, ' ').replace(SUM_WORDS, ' ');
  const reading = ctx.deps.nlu.readChoice(words, ctx.locale, accounts.map(vehicleOption));
  if (reading.kind !== 'picked' || reading.value === ctx.state.accountId) return null;
  const other = accounts.find((a) => a.id === reading.value);
  // By its make or model ("the Jeep"), not by an ordinal that may be part of something else ("last week").
  const named = other && labelWords(other.vehicle).some((w) => new RegExp(`(?<![\\p{L}])${w}(?![\\p{L}])`, 'iu').test(words));
  return named ? other : null;
}

/** A vehicle named as a comparison: "like the jeep", "same as my civic", "igual que la jeep". */
const LIKE_THE = /\b(?:just |same )?(?:like|as|as with|same as|como|igual que|al igual que|lo mismo que|que la|que el)\s+(?:the |my |la |el |mi |for the |para la |para el |con la |con el )?[\p{L}-]+/giu;

/** "The one ending 0005", "la que termina en 0005": four digits named as the end of a number. */
const ENDING_IN = /\b(?:ending(?: in| with)?|ends (?:in|with)|termina(?:da)? en|que acaba en|acabada en)\s*(\d{4})\b/;

// "The other car", "la otra camioneta", "el otro carro" (never "the other one", which may be a bank): of two vehicles, the one not being talked about.
const THE_OTHER = /\b(?:the other (?:car|truck|vehicle|suv|van|loan|lease)|(?:la|mi) otra (?:camioneta|troca|unidad|van)|(?:el|mi) otro (?:carro|coche|auto|vehiculo|vehículo|prestamo|préstamo))\b/i;

const ANY_OTHER = /\b(?:the other one|the other|la otra|el otro)\b/i;

/**
 * Of exactly two vehicles the request may be about, the other one, when the
 * words say "the other car" (or, with nothing else in progress that "the
 * other one" could be, such as a bank, "the other one").
 */
export function theOtherOne(ctx: TurnContext, text: string, intent: Intent, anyOther = false): AccountBrief | null {
  const accounts = ctx.accountsFor(intent);
  if (accounts.length !== 2 || !(THE_OTHER.test(text) || (anyOther && ANY_OTHER.test(text)))) return null;
  return accounts.find((a) => a.id !== ctx.state.accountId) ?? null;
}

/** The words of a vehicle's label that name it: make and model, not the year. */
function labelWords(label: string): string[] {
  return label
    .toLowerCase()
    .split(/[^\p{L}\d-]+/u)
    .filter((w) => /\p{L}{3,}/u.test(w))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
