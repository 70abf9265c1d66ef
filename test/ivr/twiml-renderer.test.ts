import type { i18n as I18n } from 'i18next';
import type { TurnOutput } from '../../core/conversation';
import { loadI18n } from '../../core/i18n';
import { renderVoiceTurn } from '../../ivr';
import { readVoiceScreen } from '../../ivr/twiml-reader';

let i18n: I18n;
beforeAll(async () => {
  i18n = await loadI18n();
});

const GATHER_URL = 'https://ivr.example.com/voice/gather?s=4&l=en';

function render(output: Partial<TurnOutput>) {
  const full: TurnOutput = { locale: 'en', messages: [], expect: { kind: 'text' }, end: false, ...output };
  const xml = renderVoiceTurn(full, { i18n, gatherUrl: GATHER_URL, customerServiceNumber: '+18889252559' });
  return { xml, screen: readVoiceScreen(xml) };
}

describe('rendering engine turns as TwiML', () => {
  it('when the engine offers a menu, then the prompt plays inside a one-key Gather with the choices as speech hints, and silence reprompts', () => {
    const { screen, xml } = render({
      messages: [{ key: 'menu.ask' }],
      expect: {
        kind: 'choice',
        choices: [
          { value: 'intent:make_payment', labelKey: 'menu.make_payment', digit: '1' },
          { value: 'intent:fico_score', labelKey: 'menu.fico_score', digit: '6' },
        ],
      },
    });
    expect(screen.gather).toMatchObject({
      action: GATHER_URL,
      method: 'POST',
      actionOnEmptyResult: 'true',
      input: 'dtmf speech',
      numDigits: '1',
      language: 'en-US',
      hints: 'Make a payment, FICO Score',
    });
    expect(screen.verbs.map((v) => v.verb)).toEqual(['Gather', 'Redirect']);
    expect(screen.verbs[0]!.children.map((c) => c.verb)).toEqual(['Say']);
    expect(screen.redirect).toBe(GATHER_URL);
    expect(screen.says[0]).toEqual({ text: expect.stringContaining('To make a payment, press 1'), voice: 'Polly.Joanna-Neural', language: 'en-US' });
    expect(xml).not.toContain('®');
  });

  it('when the engine asks for an SSN, then only the keypad is listened to, for exactly nine digits', () => {
    const { screen } = render({ messages: [{ key: 'identity.askTaxId' }], expect: { kind: 'digits', min: 9, max: 9, sensitive: true, finishOnKey: '#' } });
    expect(screen.gather).toMatchObject({ input: 'dtmf', numDigits: '9', finishOnKey: '#' });
    expect(screen.gather).not.toHaveProperty('speechTimeout');
  });

  it('when the engine asks for a variable-length number, then the caller ends it with pound and may say it instead', () => {
    const { screen } = render({ messages: [{ key: 'identity.askReference' }], expect: { kind: 'digits', min: 6, max: 17, sensitive: false, finishOnKey: '#' } });
    expect(screen.gather).toMatchObject({ input: 'dtmf speech', finishOnKey: '#' });
    expect(screen.gather).not.toHaveProperty('numDigits');
  });

  it.each(['amount', 'date'] as const)('when the engine asks for an %s, then keypad or speech is accepted and pound ends the entry', (kind) => {
    const { screen } = render({ messages: [{ key: 'pay.askAmount' }], expect: { kind } });
    expect(screen.gather).toMatchObject({ input: 'dtmf speech', finishOnKey: '#' });
    expect(screen.gather).not.toHaveProperty('numDigits');
  });

  it('when the engine asks yes or no in Spanish, then the Spanish voice asks and "sí, no" are the hints', () => {
    const { screen } = render({ locale: 'es', messages: [{ key: 'title.askEmail' }], expect: { kind: 'yes-no' } });
    expect(screen.gather).toMatchObject({ numDigits: '1', hints: 'sí, no', language: 'es-US' });
    expect(screen.says.every((s) => s.voice === 'Polly.Lupe-Neural' && s.language === 'es-US')).toBe(true);
  });

  it('when the engine hands off, then the caller hears why and is dialled through to customer service', () => {
    const { screen } = render({ messages: [{ key: 'agent.transferring' }], expect: { kind: 'none' }, handoff: { reason: 'requested', summary: 'x' }, end: true });
    expect(screen.gather).toBeNull();
    expect(screen.says.map((s) => s.text)).toEqual(['Please hold while I transfer you to a representative. If the call drops, you can reach us at 1 8 8 8 9 2 5 2 5 5 9, in English or Spanish.']);
    expect(screen.dial).toBe('+18889252559');
    expect(screen.hangup).toBe(false);
  });

  it('when the conversation ends, then the goodbye plays and the line hangs up', () => {
    const { screen } = render({ messages: [{ key: 'common.goodbye' }], expect: { kind: 'none' }, end: true });
    expect(screen.says.map((s) => s.text)).toEqual(['Thank you for choosing us. Goodbye!']);
    expect(screen.hangup).toBe(true);
    expect(screen.gather).toBeNull();
  });

  it('when a message holds characters XML reserves, then the TwiML stays well-formed', () => {
    const { screen } = render({ messages: [{ key: 'account.option', params: { vehicle: 'A&B <Motors>', last4: '0001' } }], expect: { kind: 'text' } });
    expect(screen.says[0]!.text).toContain('A&B <Motors>');
  });
});
