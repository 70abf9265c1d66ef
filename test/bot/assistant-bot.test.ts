import { ActionTypes, ActivityTypes, InputHints, TestAdapter, type Activity, type CardAction } from 'botbuilder';
import { AssistantBot, TYPING_AFTER_MS, JOIN_EVENT } from '../../bot/assistant-bot';
import { createLogger } from '../../core/logging/logger';
import { accountId, engineWorld, type EngineWorld } from '../support/engine-harness';

const JORDAN_VIN = '2HGFE2F5XMH512345';
const JORDAN_SSN = '401-22-7788';
const MARIA_VIN = '1FTEW1EP5LFA67890';
const MARIA_SSN = '533-18-2046';
const RECEIPT_CARD = 'application/vnd.microsoft.card.receipt';

interface ReceiptCardContent {
  title: string;
  facts: { key: string; value: string }[];
  total: string;
  tax?: string;
}

/**
 * One web chat visitor talking to the product bot through botbuilder's
 * TestAdapter, shaped the way the page's Direct Line delivers activities
 * (channel "directline", locale from the page's language switch).
 */
class Visitor {
  readonly adapter: TestAdapter;
  /** Everything the bot sent in this conversation, in order. */
  readonly received: Partial<Activity>[] = [];

  constructor(
    bot: AssistantBot,
    private locale = 'en-US',
  ) {
    this.adapter = new TestAdapter(async (context) => {
      await bot.run(context);
    });
  }

  switchTo(locale: string): void {
    this.locale = locale;
  }

  /** The page's `webchat/join` event, which makes the bot greet first. */
  join(): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Event, name: JOIN_EVENT, value: { locale: this.locale } });
  }

  type(text: string): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text });
  }

  /** A suggested-action click: Web Chat posts the label as text and the messageBack value. */
  click(action: CardAction): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text: action.text ?? action.title, value: action.value });
  }

  /** What the page posts while a prompt is sensitive: only a mask as text, the entry in `value.secret`. */
  typeSecret(secret: string): Promise<Partial<Activity>[]> {
    return this.send({ type: ActivityTypes.Message, text: `••••• ${secret.replace(/\D/g, '').slice(-4)}`, value: { secret } });
  }

  async send(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity({ channelId: 'directline', locale: this.locale, ...activity });
    const replies = this.adapter.activeQueue.splice(0);
    this.received.push(...replies);
    return replies;
  }
}

function messages(replies: Partial<Activity>[]): Partial<Activity>[] {
  return replies.filter((a) => a.type === ActivityTypes.Message);
}

/** The reply the visitor reads (the text message after any card). */
function lastText(replies: Partial<Activity>[]): Partial<Activity> {
  const withText = messages(replies).filter((a) => a.text);
  const last = withText[withText.length - 1];
  if (!last) throw new Error(`the bot sent no text: ${JSON.stringify(replies)}`);
  return last;
}

function actionsOf(replies: Partial<Activity>[]): CardAction[] {
  return lastText(replies).suggestedActions?.actions ?? [];
}

function action(replies: Partial<Activity>[], match: string | RegExp): CardAction {
  const actions = actionsOf(replies);
  const found = actions.find((a) => (typeof match === 'string' ? a.title === match : match.test(a.title)));
  if (!found) throw new Error(`no suggested action ${String(match)} among ${actions.map((a) => a.title).join(' | ')}`);
  return found;
}

function receiptIn(replies: Partial<Activity>[]): ReceiptCardContent | undefined {
  const card = messages(replies)
    .flatMap((a) => a.attachments ?? [])
    .find((att) => att.contentType === RECEIPT_CARD);
  return card?.content as ReceiptCardContent | undefined;
}

let world: EngineWorld;
let bot: AssistantBot;

beforeEach(async () => {
  world = await engineWorld();
  bot = new AssistantBot(world.engine, world.i18n, createLogger('silent'));
});

async function verifiedJordan(): Promise<{ visitor: Visitor; vehicles: Partial<Activity>[] }> {
  const visitor = new Visitor(bot);
  await visitor.join();
  await visitor.type('I want to make a payment');
  await visitor.type(JORDAN_VIN);
  const vehicles = await visitor.typeSecret(JORDAN_SSN);
  return { visitor, vehicles };
}

describe('web chat bot: greeting', () => {
  it('when the page sends the join event, then the bot greets at once with the menu as suggested actions', async () => {
    const visitor = new Visitor(bot);

    const replies = await visitor.join();

    // A quick answer needs no typing indicator.
    expect(replies.some((r) => r.type === ActivityTypes.Typing)).toBe(false);
    const greeting = lastText(replies);
    expect(greeting.text).toMatch(/servicing assistant/i);
    expect(greeting.locale).toBe('en-US');
    expect(greeting.inputHint).toBe(InputHints.ExpectingInput);
    const pay = action(replies, 'Make a payment');
    expect(pay).toMatchObject({ type: ActionTypes.MessageBack, value: { choice: 'intent:make_payment' }, displayText: 'Make a payment' });
    expect(actionsOf(replies).length).toBeGreaterThanOrEqual(4);
  });

  it('when an answer is slow to come, then the bot shows typing before it', async () => {
    const slowEngine = {
      handle: async (input: Parameters<typeof world.engine.handle>[0]) => {
        await new Promise((r) => setTimeout(r, TYPING_AFTER_MS + 100));
        return world.engine.handle(input);
      },
    };
    const visitor = new Visitor(new AssistantBot(slowEngine, world.i18n, createLogger('silent')));

    const replies = await visitor.join();

    expect(replies[0]?.type).toBe(ActivityTypes.Typing);
    expect(lastText(replies).text).toMatch(/servicing assistant/i);
  });

  it('when an event other than the join event arrives, then the bot stays quiet', async () => {
    const visitor = new Visitor(bot);

    const replies = await visitor.send({ type: ActivityTypes.Event, name: 'webchat/something-else' });

    expect(replies).toHaveLength(0);
  });
});

describe('web chat bot: verification', () => {
  it('when the visitor types that they want to pay, then the bot asks for the VIN or account number to verify them', async () => {
    const visitor = new Visitor(bot);
    await visitor.join();

    const replies = await visitor.type('I want to make a payment');

    const ask = lastText(replies);
    expect(ask.text).toMatch(/verify your identity/i);
    expect(ask.text).toMatch(/VIN/);
    expect(ask.channelData).toMatchObject({ sensitive: false });
  });

  it('when the visitor clicks the "Make a payment" suggested action, then its value starts the same flow', async () => {
    const visitor = new Visitor(bot);
    const greeting = await visitor.join();

    const replies = await visitor.click(action(greeting, 'Make a payment'));

    expect(lastText(replies).text).toMatch(/verify your identity/i);
  });

  it('when the bot asks for the SSN, then the prompt is marked sensitive for the page', async () => {
    const visitor = new Visitor(bot);
    await visitor.join();
    await visitor.type('I want to make a payment');

    const replies = await visitor.type(JORDAN_VIN);

    const ask = lastText(replies);
    expect(ask.text).toMatch(/Social Security number or Tax ID/);
    expect(ask.channelData).toMatchObject({ sensitive: true, expect: 'digits' });
  });

  it('when the page sends the SSN in value.secret under a mask, then the bot verifies with the secret and never echoes it', async () => {
    const { visitor, vehicles } = await verifiedJordan();

    expect(lastText(vehicles).text).toMatch(/Thank you, Jordan/);
    expect(lastText(vehicles).channelData).toMatchObject({ sensitive: false });
    const everything = JSON.stringify(visitor.received);
    expect(everything).not.toContain('401227788');
    expect(everything).not.toContain(JORDAN_SSN);
    expect(everything).not.toContain('401 22 7788');
  });

  it('when only the mask arrives (no value.secret), then the bot does not verify', async () => {
    const visitor = new Visitor(bot);
    await visitor.join();
    await visitor.type('I want to make a payment');
    await visitor.type(JORDAN_VIN);

    const replies = await visitor.type('••••• 7788');

    expect(lastText(replies).text).not.toMatch(/Thank you, Jordan/);
  });
});

describe('web chat bot: paying', () => {
  it('when Jordan pays $50 toward the Civic from the bank on file, then a receipt card shows the confirmation number, amount and no fee', async () => {
    const { visitor, vehicles } = await verifiedJordan();
    const civic = await accountId(world, '4100020001');
    const civicAction = action(vehicles, /2021 Honda Civic/);
    expect(civicAction.value).toEqual({ choice: civic });
    expect(action(vehicles, /2019 Jeep Grand Cherokee/)).toBeDefined();

    const amount = await visitor.click(civicAction);
    const askAmount = await visitor.click(action(amount, 'Another amount'));
    expect(lastText(askAmount).text).toMatch(/How much/);
    const when = await visitor.type('50.00');
    const funding = await visitor.click(action(when, 'Today'));
    const readBack = await visitor.click(action(funding, /ending 4321/));
    expect(lastText(readBack).text).toMatch(/\$50\.00/);
    const done = await visitor.click(action(readBack, 'Yes'));

    const receipt = receiptIn(done);
    expect(receipt).toBeDefined();
    const confirmation = receipt!.facts.find((f) => f.key === 'Confirmation number')?.value;
    expect(confirmation).toMatch(/^\d{10}$/);
    expect(receipt!.total).toBe('$50.00');
    expect(receipt!.facts).toEqual(expect.arrayContaining([{ key: 'Fee', value: '$0.00' }]));
    expect(receipt!.tax).toBeUndefined();
    expect(receipt!.facts).toEqual(expect.arrayContaining([{ key: 'From bank account', value: '•••• 4321' }]));
    expect(lastText(done).text).toContain(confirmation);
    // The card comes before the words that describe it.
    const cardIndex = done.findIndex((a) => a.attachments?.length);
    expect(cardIndex).toBeLessThan(done.indexOf(lastText(done)));
    const [latest] = await world.repos.payments.history(civic, 1);
    expect(latest).toMatchObject({ amountCents: 5000, channel: 'chat', confirmationNumber: confirmation });
  });

  it('when the page retries the same confirming activity (same id), then only one payment is made', async () => {
    const { visitor, vehicles } = await verifiedJordan();
    const civic = await accountId(world, '4100020001');
    const amount = await visitor.click(action(vehicles, /2021 Honda Civic/));
    const when = await visitor.click(action(amount, /^Amount due/));
    const funding = await visitor.click(action(when, 'Today'));
    const readBack = await visitor.click(action(funding, /ending 4321/));
    const yes = action(readBack, 'Yes');
    const before = (await world.repos.payments.history(civic, 50)).length;

    await visitor.send({ type: ActivityTypes.Message, id: 'retried-activity-1', text: yes.text, value: yes.value });
    await visitor.send({ type: ActivityTypes.Message, id: 'retried-activity-1', text: yes.text, value: yes.value });

    expect((await world.repos.payments.history(civic, 50)).length).toBe(before + 1);
  });
});

describe('web chat bot: Spanish', () => {
  it('when the page is in Spanish, then the greeting and its suggested actions are in Spanish', async () => {
    const visitor = new Visitor(bot, 'es-US');

    const replies = await visitor.join();

    const greeting = lastText(replies);
    expect(greeting.locale).toBe('es-US');
    expect(greeting.text).toMatch(/Hola/);
    expect(action(replies, 'Hacer un pago').value).toEqual({ choice: 'intent:make_payment' });
  });

  it('when the visitor switches the page to Español mid-conversation, then the next reply is in Spanish', async () => {
    const visitor = new Visitor(bot, 'en-US');
    await visitor.join();

    visitor.switchTo('es-US');
    const replies = await visitor.type('quiero hacer un pago');

    expect(lastText(replies).locale).toBe('es-US');
    expect(lastText(replies).text).toMatch(/verificar su identidad/);
  });

  it('cuando María paga otra cantidad desde una cuenta nueva, recibe el recibo en español sin el número de cuenta completo', async () => {
    const visitor = new Visitor(bot, 'es-US');
    await visitor.join();
    await visitor.type('quiero hacer un pago');
    const askSsn = await visitor.type(MARIA_VIN);
    expect(lastText(askSsn).channelData).toMatchObject({ sensitive: true });
    const amount = await visitor.typeSecret(MARIA_SSN);
    expect(lastText(amount).text).toMatch(/Mar[ií]a/);

    await visitor.click(action(amount, 'Otra cantidad'));
    const when = await visitor.type('50.00');
    const routing = await visitor.click(action(when, 'Hoy'));
    // María has no bank account on file: she is asked for a routing number, then the (sensitive) account number.
    const askAccount = await visitor.type('021000021');
    expect(lastText(askAccount).channelData).toMatchObject({ sensitive: true });
    expect(lastText(routing).channelData).toMatchObject({ expect: 'digits' });
    const asChecking = await visitor.typeSecret('123456789');
    expect(lastText(asChecking).text).toMatch(/6789 como cuenta de cheques/);
    const readBack = await visitor.type('es de ahorros');
    expect(lastText(readBack).text).toMatch(/6789 como cuenta de ahorros/);
    const done = await visitor.click(action(readBack, 'Sí'));

    const receipt = receiptIn(done);
    expect(receipt?.title).toBe('Confirmación de pago');
    expect(receipt!.facts.find((f) => f.key === 'Número de confirmación')?.value).toMatch(/^\d{10}$/);
    expect(lastText(done).locale).toBe('es-US');
    expect(lastText(done).text).toMatch(/confirmación/);
    const everything = JSON.stringify(visitor.received);
    expect(everything).not.toContain('123456789');
    expect(everything).not.toContain('533182046');
    expect(everything).not.toContain(MARIA_SSN);
  });
});
