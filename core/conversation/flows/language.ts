import type { Locale } from '../../shared/types';
import { choice } from '../dialog-kit';
import type { FlowSpec } from '../flow';

/** The phone's first question for a caller whose language is not known. */
export const languageFlow: FlowSpec = {
  name: 'language',
  steps: {
    pick: {
      prompt: () => ({
        messages: [{ key: 'language.pick' }],
        expect: { kind: 'choice', choices: [choice('en', 'language.english', '1'), choice('es', 'language.spanish', '2')] },
      }),
      async read(ctx, _flow, a) {
        let lang: Locale | null = null;
        if (a.digits === '1') lang = 'en';
        else if (a.digits === '2') lang = 'es';
        else if (a.button === 'en' || a.button === 'es') lang = a.button;
        else if (/espa|spanish/i.test(a.text)) lang = 'es';
        else if (/ingl|english/i.test(a.text)) lang = 'en';
        if (!lang) {
          // A caller who skips the choice and just says what happened ("my truck got repossessed this
          // morning") is answered at once, in the language the words are in.
          if (!a.digits && !a.button && a.text.trim().split(/\s+/).length >= 3) {
            ctx.state.locale = ctx.deps.nlu.guessLanguage(a.text) ?? 'en';
            ctx.state.languageChosen = true;
            ctx.dropFlow();
            await ctx.reread(a);
            return { kind: 'accepted' };
          }
          return { kind: 'invalid', message: { key: 'language.invalid' } };
        }
        ctx.state.locale = lang;
        ctx.state.languageChosen = true;
        ctx.dropFlow();
        await ctx.runIntent('help', true);
        return { kind: 'accepted' };
      },
    },
  },
};
