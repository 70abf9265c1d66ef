import { engineWorld, Talk, type EngineWorld } from '../support/engine-harness';

let world: EngineWorld;
beforeAll(async () => {
  world = await engineWorld();
});

/** Each FAQ, asked the way a customer would, in each language, must carry the facts. */
const CASES: [string, 'en' | 'es', string, RegExp[]][] = [
  ['mail_payment', 'en', 'where do I mail my payment?', [/P\.O\. Box 71119, Charlotte, NC 28272-1119/, /coupon/, /account number on the check/, /P\.O\. Box 380901, Bloomington, MN 55438/]],
  ['mail_payment', 'es', '¿a dónde envío mi cheque por correo?', [/P\.O\. Box 71119, Charlotte, NC 28272-1119/, /P\.O\. Box 380901, Bloomington, MN 55438/]],
  ['phone_payment', 'en', 'can I pay over the phone?', [/1-888-631-8930/, /\$4/, /ZIP/]],
  ['phone_payment', 'es', '¿puedo pagar por teléfono?', [/1-888-631-8930/, /\$4/]],
  ['debit_card_payment', 'en', 'can I use my debit card?', [/CheckFreePay/, /\$3\.75/]],
  ['debit_card_payment', 'es', 'quiero pagar con tarjeta de débito', [/CheckFreePay/, /\$3\.75/]],
  ['in_person_payment', 'en', 'can I pay with cash at a store?', [/MoneyGram/, /Western Union/]],
  ['in_person_payment', 'es', '¿puedo pagar en efectivo en una tienda?', [/MoneyGram/, /Western Union/]],
  ['payment_options', 'en', 'what are the ways I can pay?', [/no cost|free|\$0/i, /ACI/, /CheckFreePay/]],
  ['payment_options', 'es', '¿qué formas de pago hay?', [/ACI/, /CheckFreePay/]],
  ['add_vehicle', 'en', "my truck isn't showing in my online account", [/SSN or Tax ID/, /VIN or account number/]],
  ['add_vehicle', 'es', 'mi carro no aparece en mi cuenta en línea', [/VIN/]],
  ['alerts', 'en', 'can you text me payment reminders?', [/seven days/, /PAY/, /opt in/]],
  ['alerts', 'es', '¿me pueden mandar recordatorios por mensaje de texto?', [/siete días/, /PAY/]],
  ['extra_payment', 'en', 'can I pay more than what is due?', [/extra/, /any method/]],
  ['extra_payment', 'es', '¿puedo pagar más de lo que debo?', [/extra|adicional/]],
  ['protection_products', 'en', 'tell me about GAP insurance', [/four coverage options/, /GAP/, /maintenance plans/, /lease protection/]],
  ['protection_products', 'es', 'información sobre el seguro GAP', [/GAP/]],
  ['statements', 'en', 'how do I get my statement?', [/statement/, /English/]],
  ['statements', 'es', '¿cómo veo mi estado de cuenta?', [/inglés/]],
  ['bill_pay', 'en', "can I pay from my bank's bill pay?", [/bill pay/, /P\.O\. Box 71119/]],
  ['bill_pay', 'es', 'quiero pagar desde el pago de facturas de mi banco', [/P\.O\. Box 71119/]],
];

describe('answers from the knowledge base', () => {
  it.each(CASES)('%s (%s): "%s"', async (intent, locale, question, facts) => {
    const talk = new Talk(world, 'chat', locale);
    await talk.start();
    const reply = await talk.say(question);
    expect(reply.output.intent).toBe(intent);
    for (const fact of facts) expect(reply.text).toMatch(fact);
    expect(reply.output.locale).toBe(locale);
  });

  it('on the phone, the mailing address is read so a voice can say it', async () => {
    const talk = new Talk(world, 'voice', null, '+17045550101');
    await talk.start();
    const reply = await talk.say('where do I mail a check');
    expect(reply.text).toMatch(/7 1 1 1 9/);
    expect(reply.text).not.toMatch(/\$/);
  });
});
