import { createNlu, INTENTS, NLU_THRESHOLD, type IntentName, type Nlu } from '../../core/nlu';

let nlu: Nlu;

beforeAll(async () => {
  nlu = await createNlu();
});

describe('understanding what a customer wants', () => {
  const english: Array<[string, IntentName]> = [
    ['I want to make a payment', 'make_payment'],
    ['how much do I owe', 'balance_due'],
    ['my car is paid off but I never got the pink slip', 'title_status'],
    ['pymnt', 'make_payment'],
    ['set up autopya', 'autopay_enroll'],
    ['stop my autopay', 'autopay_cancel'],
    ['where do I mail a check', 'mail_payment'],
    ['can I pay at western union', 'in_person_payment'],
    ['what is my fico score', 'fico_score'],
    ['spanish please', 'change_language'],
    ['let me talk to a real person', 'agent'],
    ["what's the weather tomorrow", 'none'],
  ];
  it.each(english)('in English, "%s" is %s', async (text, intent) => {
    expect((await nlu.classify(text, 'en')).intent).toBe(intent);
  });

  const spanish: Array<[string, IntentName]> = [
    ['pagar mi cuenta', 'make_payment'],
    ['cuánto debo', 'balance_due'],
    ['cuanto debo', 'balance_due'],
    ['quiero liquidar mi préstamo', 'payoff_quote'],
    ['ya pagué el carro y no me llega el título', 'title_status'],
    ['cancelar el pago automático', 'autopay_cancel'],
    ['pagar con tarjeta de débito', 'debit_card_payment'],
    ['inglés', 'change_language'],
    ['quiero hablar con un agente', 'agent'],
    ['receta de tamales', 'none'],
  ];
  it.each(spanish)('in Spanish, "%s" is %s', async (text, intent) => {
    expect((await nlu.classify(text, 'es')).intent).toBe(intent);
  });

  it('tells autopay enrolment and cancellation apart although they share words', async () => {
    const on = await nlu.classify('sign me up for automatic payments', 'en');
    const off = await nlu.classify('cancel my automatic payments', 'en');
    expect([on.intent, off.intent]).toEqual(['autopay_enroll', 'autopay_cancel']);
  });

  it('reports runner-up intents for a vague request so the engine can offer the two likeliest topics', async () => {
    const result = await nlu.classify('car stuff', 'en');
    expect(result.score).toBeLessThan(1);
    expect(INTENTS).toContain(result.intent);
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.map((a) => a.intent)).not.toContain(result.intent);
    for (const alt of result.alternatives) expect(alt.score).toBeLessThanOrEqual(result.score);
  });

  it('gives the same answer every time it is trained from the same corpus', async () => {
    const again = await createNlu();
    for (const text of ['pay', 'balance', 'how do I pay by text', 'something about my car']) {
      expect(await again.classify(text, 'en')).toEqual(await nlu.classify(text, 'en'));
    }
  });

  it('exposes a clarification threshold between 0 and 1', () => {
    expect(NLU_THRESHOLD).toBeGreaterThan(0);
    expect(NLU_THRESHOLD).toBeLessThan(1);
  });
});

describe('hostile or junk input', () => {
  const junk: Array<[string, string]> = [
    ['an empty message', ''],
    ['only spaces', '     '],
    ['control characters', '\u0000\u0007\u001b[31m\u0000'],
    ['only emoji', '😀😀🚗💸'],
    ['only punctuation', '?!?!...;;'],
  ];
  it.each(junk)('%s is out of scope', async (_label, text) => {
    const result = await nlu.classify(text, 'en');
    expect(result.intent).toBe('none');
  });

  it('answers quickly for a 100,000-character message instead of hanging', async () => {
    const started = Date.now();
    const result = await nlu.classify('pay my bill '.repeat(9000), 'en');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(INTENTS).toContain(result.intent);
  });

  it('does not treat SQL or HTML as a banking request', async () => {
    for (const text of ["'; DROP TABLE payments; --", '<img src=x onerror=alert(1)>']) {
      const result = await nlu.classify(text, 'en');
      expect(result.intent === 'none' || result.score < NLU_THRESHOLD).toBe(true);
    }
  });

  it('survives a locale it does not know by falling back to English', async () => {
    const result = await nlu.classify('pay my bill', 'fr' as unknown as 'en');
    expect(result.intent).toBe('make_payment');
  });
});

describe('guessing the language of a message', () => {
  it('recognises Spanish and English sentences', () => {
    expect(nlu.detectLanguage('quiero pagar la cuenta de mi carro')).toBe('es');
    expect(nlu.detectLanguage('I would like to pay my car bill')).toBe('en');
  });

  it('does not guess on a word or two', () => {
    expect(nlu.detectLanguage('ok')).toBeNull();
    expect(nlu.detectLanguage('')).toBeNull();
  });
});
