import type { Locale } from '../../shared/types';
import { choice } from '../dialog-kit';
import type { FlowSpec } from '../flow';

/** An answer of more words than this says more than the language it names. */
const SAYS_ONLY_THE_LANGUAGE = 4;

/** The phone's first question for a caller whose language is not known. */
export const languageFlow: FlowSpec = {
  name: 'language',
  steps: {
    pick: {
      prompt: () => ({
        messages: [{ key: 'language.pick' }],
        expect: { kind: 'choice', choices: [choice('en', 'language.english', '1'), choice('es', 'language.spanish', '2')] },
      }),
      async read(ctx, _flow, answer) {
        let lang: Locale | null = null;
        if (answer.digits === '1') lang = 'en';
        else if (answer.digits === '2') lang = 'es';
        else if (answer.button === 'en' || answer.button === 'es') lang = answer.button;
        else lang = ctx.deps.nlu.readLanguageName(answer.text);
        if (!lang) {
          // A caller who skips the choice and just says what happened ("my truck got repossessed this
          // morning") is answered at once, in the language the words are in.
          if (!answer.digits && !answer.button && answer.text.trim().split(/\s+/).length >= 3) {
            ctx.state.locale = ctx.deps.nlu.guessLanguage(answer.text) ?? 'en';
            ctx.state.languageChosen = true;
            ctx.dropFlow();
            await ctx.reread(answer);
            return { kind: 'accepted' };
          }
          return { kind: 'invalid', message: { key: 'language.invalid' } };
        }
        ctx.state.locale = lang;
        ctx.state.languageChosen = true;
        ctx.dropFlow();
        // "¿Hay alguien que hable español? Quiero hablar con una persona": the language, and a request read in it.
        if (!answer.digits && !answer.button && answer.text.trim().split(/\s+/).length > SAYS_ONLY_THE_LANGUAGE) await ctx.reread(answer);
        else await ctx.runIntent('help', true);
        return { kind: 'accepted' };
      },
    },
  },
};
