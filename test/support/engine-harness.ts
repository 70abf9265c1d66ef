import type { i18n as I18n } from 'i18next';
import { createEngine, type ConversationEngine, type TurnEvent, type TurnOutput } from '../../core/conversation';
import type { EngineNlu } from '../../core/conversation/nlu-port';
import { createEngineNlu } from '../../core/engine-nlu';
import { loadI18n, translator } from '../../core/i18n';
import type { Channel, Locale } from '../../core/shared/types';
import { demoWorld, type World } from '../domain/helpers';

let sharedNlu: Promise<EngineNlu> | null = null;
/** Training takes a moment; every conversation in a test file shares one classifier. */
export function testNlu(): Promise<EngineNlu> {
  sharedNlu ??= createEngineNlu();
  return sharedNlu;
}

export interface EngineWorld extends World {
  engine: ConversationEngine;
  i18n: I18n;
}

/** The real engine over the seeded in-memory repositories, at a fixed time; the phone line takes cards when asked. */
export async function engineWorld(options: { phoneTakesCards?: boolean } = {}): Promise<EngineWorld> {
  const world = await demoWorld();
  const engine = createEngine({
    services: { ...world.services, cardPayments: { phone: options.phoneTakesCards === true, pageUrl: null } },
    nlu: await testNlu(),
    sessions: world.repos.sessions,
    clock: () => world.clock.now().getTime(),
  });
  return { ...world, engine, i18n: await loadI18n() };
}

export interface Reply {
  output: TurnOutput;
  /** The reply as the customer would read or hear it. */
  text: string;
  /** Suggested-action labels / choice values offered. */
  choices: string[];
}

let sessionCounter = 0;

/** One customer's conversation with the engine, as a story: say, press, click. */
export class Talk {
  readonly sessionId: string;
  private turn = 0;
  readonly transcript: string[] = [];

  constructor(
    private readonly world: EngineWorld,
    readonly channel: Channel,
    private locale: Locale | null = 'en',
    readonly callerId: string | null = null,
  ) {
    sessionCounter += 1;
    this.sessionId = `test-${channel}-${sessionCounter}`;
  }

  start(): Promise<Reply> {
    return this.send({ kind: 'start' });
  }
  say(text: string): Promise<Reply> {
    return this.send(this.channel === 'voice' ? { kind: 'speech', text, confidence: 0.9 } : { kind: 'text', text });
  }
  press(digits: string): Promise<Reply> {
    return this.send({ kind: 'digits', digits });
  }
  click(value: string): Promise<Reply> {
    return this.send({ kind: 'button', value });
  }
  silence(): Promise<Reply> {
    return this.send({ kind: 'no-input' });
  }
  hangUp(): Promise<Reply> {
    return this.send({ kind: 'hang-up' });
  }
  setLocale(locale: Locale): void {
    this.locale = locale;
  }

  /** Sends one turn; `turnKey` lets a test replay the same request. */
  async send(event: TurnEvent, turnKey?: string): Promise<Reply> {
    this.turn += 1;
    const output = await this.world.engine.handle({
      sessionId: this.sessionId,
      channel: this.channel,
      locale: this.channel === 'voice' ? null : this.locale,
      event,
      turnKey: turnKey ?? `${this.sessionId}:${this.turn}`,
      callerId: this.callerId,
    });
    return this.render(output);
  }

  render(output: TurnOutput): Reply {
    const t = translator(this.world.i18n, output.locale, this.channel);
    const text = output.messages.map((m) => t(m)).join(' ');
    this.transcript.push(text);
    const choices =
      output.expect.kind === 'choice'
        ? output.expect.choices.map((c) => c.value)
        : output.expect.kind === 'yes-no'
          ? ['yes', 'no']
          : [];
    return { output, text, choices };
  }
}

/** The account id of a demo account by its number. */
export async function accountId(world: World, accountNumber: string): Promise<string> {
  const a = await world.repos.accounts.byAccountNumber(accountNumber);
  if (!a) throw new Error(`no demo account ${accountNumber}`);
  return a.id;
}

/** Payments made on a demo account since the world was seeded (the demo data carries earlier ones). */
export async function paymentsMadeHere(world: World, accountNumber: string) {
  return (await world.repos.payments.history(await accountId(world, accountNumber), 50)).filter((p) => !p.idempotencyKey.startsWith('seed:'));
}

/** A conversation started and fed `lines` in turn (spoken on the phone, typed elsewhere): the talk, and the reply to the last line. */
export async function talkThrough(world: EngineWorld, talk: Talk, ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  await talk.start();
  let reply: Reply | null = null;
  for (const line of lines) reply = await talk.say(line);
  if (!reply) throw new Error('a conversation needs at least one line');
  return { talk, reply };
}

/**
 * A conversation on chat or the phone fed `lines` in turn; a call comes from
 * the number of a demo customer who speaks the call's language.
 */
export function converse(world: EngineWorld, channel: 'chat' | 'voice', locale: Locale, ...lines: string[]): Promise<{ talk: Talk; reply: Reply }> {
  const callerId = channel === 'voice' ? (locale === 'es' ? '+13055550122' : '+17045550101') : null;
  return talkThrough(world, new Talk(world, channel, locale, callerId), ...lines);
}
