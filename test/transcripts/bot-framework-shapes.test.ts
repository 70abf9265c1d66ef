import path from 'node:path';
import { importBotFrameworkTranscript } from '../../transcripts/importers';
import { formatReport, runTranscripts } from '../../transcripts/runner';
import type { PlayStep } from '../../transcripts/format';
import { useTranscriptServer } from '../support/transcripts';

const IMPORTS = path.join(__dirname, 'imports');

/** Each step as `line kind what`: the bot's checks by name and first argument, the visitor's action by its text. */
function stepsOf(file: string): string[] {
  const [c] = importBotFrameworkTranscript(path.join(IMPORTS, file));
  return c!.steps.map(({ value, line }) => {
    const step: PlayStep = value;
    if ('message' in step) return `${line} bot ${step.message.assertions.map((a) => `${a.name}(${a.name === 'TEXT_REGEXP_ANY' ? a.args[0] : a.args.join('|')})`).join(' ')}`;
    const [kind] = Object.keys(step);
    return `${line} ${kind} ${JSON.stringify((step as Record<string, unknown>)[kind!])}`;
  });
}

const ignoredOf = (file: string) => importBotFrameworkTranscript(path.join(IMPORTS, file))[0]!.ignored;
const MENU = 'BUTTONS(Make a payment|Amount due|Payoff quote|Auto Pay|Title status|FICO® Score|Ways to pay|Talk to a person)';

describe('Bot Framework .transcript files in the shapes the Emulator, sample bots and chatdown write parse step for step', () => {
  it('when only the first activity carries roles, then every message\'s sender is told by its id', () => {
    const steps = stepsOf('balance-senders-by-id.transcript');
    expect(steps.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['29 bot', '94 user', '107 bot', '120 user', '133 bot', '149 user', '162 bot', '191 click', '204 bot']);
    expect(steps[0]).toContain(MENU);
    expect(steps[5]).toBe('149 user "${ssn}"');
    expect(steps[6]).toContain('BUTTONS(2021 Honda Civic (account ending 0001)|2019 Jeep Grand Cherokee (account ending 0005))');
    expect(steps[8]).toContain('TEXT_REGEXP_ANY(^Your 2021 Honda Civic \\(account ending 0001\\) has .+? due on .+?\\. Is there anything else I can help you with\\?$)');
  });

  it('when no message has a role, then the one written to the bot tells who is who, and a bot event and a trace are listed, not replayed', () => {
    expect(stepsOf('handoff-event-no-roles.transcript')).toEqual([
      '2 user "I need a person"',
      '27 bot TEXT_REGEXP_ANY(^Connecting you with an agent\\.$)',
      '50 user "thanks"',
      '60 bot TEXT_REGEXP_ANY(^An agent will join shortly\\.$)',
    ]);
    expect(ignoredOf('handoff-event-no-roles.transcript')).toEqual({ trace: 1, 'event handoff.initiate': 1 });
  });

  it('when Web Chat\'s join event, typing and the Emulator\'s traces surround an answer, then they are counted and the messages checked', () => {
    const steps = stepsOf('mail-payment-events-traces.transcript');
    expect(steps.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual(['47 bot', '113 user', '158 bot']);
    expect(steps[2]).toContain('TEXT_REGEXP_ANY(^Mail payments to: Payment Processing Center, P\\.O\\. Box 71119');
    expect(ignoredOf('mail-payment-events-traces.transcript')).toEqual({ conversationUpdate: 1, 'event webchat/join': 1, typing: 2, trace: 2 });
  });

  it('when the bot sends a receipt card and then its text in one turn, then each is its own step; offered buttons are clicks, the masked SSN a variable', () => {
    const steps = stepsOf('payment-receipt-card.transcript');
    expect(steps.map((s) => s.split(' ').slice(0, 2).join(' '))).toEqual([
      '2 bot', '68 click', '82 bot', '96 user', '110 bot', '127 user', '141 bot', '171 click', '185 bot', '221 click', '235 bot', '249 user',
      '263 bot', '293 click', '307 bot', '337 click', '351 bot', '381 click', '395 bot', '431 bot',
    ]);
    expect(steps[5]).toBe('127 user "${ssn}"');
    // "Bank account ending 4321" was offered: a click, not a bank account number to hide.
    expect(steps[15]).toBe('337 click "Bank account ending 4321"');
    // The due amount's button changes with the day: left out; the rest are checked.
    expect(steps[8]).toContain('BUTTONS(Another amount|Extra toward principal)');
    expect(steps[18]).toBe('395 bot CARDS_COUNT(1) MEDIA_COUNT(0) CARDS(Payment confirmation)');
    expect(steps[19]).toContain('TEXT_REGEXP_ANY(^Done! Your payment of .+? from the account ending 4321 is submitted for today\\. Your confirmation number is .+?\\.');
  });

  it('when a sample bot shows hero cards in a carousel and then a text, then the cards are counted and named and the text is a step of its own', () => {
    expect(stepsOf('hero-card-carousel.transcript')).toEqual([
      '28 bot TEXT_REGEXP_ANY(^Welcome to the card gallery\\. Type anything to see a card\\.$)',
      '43 user "show me cards"',
      '71 bot CARDS_COUNT(2) MEDIA_COUNT(0) CARDS(Sedan|Pickup)',
      '125 bot TEXT_REGEXP_ANY(^Type anything to see another card\\.$)',
    ]);
    expect(ignoredOf('hero-card-carousel.transcript')).toEqual({ conversationUpdate: 1, typing: 1 });
  });

  it('when the visitor submits an Adaptive Card, then the submit is replayed with its value', () => {
    expect(stepsOf('adaptive-card-submit.transcript')).toEqual([
      '2 bot CARDS_COUNT(1) MEDIA_COUNT(0)',
      '43 send {"fields":{"value":{"action":"book","day":"2026-12-10"}}}',
      '63 bot TEXT_REGEXP_ANY(^Your visit is booked for .+?\\.$)',
    ]);
  });

  it('when the visitor clicks one of the suggested actions, then it is a click and each offer is checked for its buttons', () => {
    expect(stepsOf('suggested-actions-colour.transcript')).toEqual([
      '22 bot TEXT_REGEXP_ANY(^Which trim would you like\\?$) BUTTONS(Base|Sport|Touring)',
      '58 click "Sport"',
      '72 bot TEXT_REGEXP_ANY(^Sport it is\\.$)',
      '86 bot TEXT_REGEXP_ANY(^Which trim would you like\\?$) BUTTONS(Base|Sport|Touring)',
    ]);
  });

  it('when chatdown writes three bot messages in a row with an image, then they are matched one to one and the image counted as media', () => {
    expect(stepsOf('chatdown-consecutive.transcript')).toEqual([
      '33 user "hello"',
      '70 bot TEXT_REGEXP_ANY(^Good morning\\.$)',
      '89 bot TEXT_REGEXP_ANY(^Here is the lot map\\.$) CARDS_COUNT(0) MEDIA_COUNT(1)',
      '115 bot TEXT_REGEXP_ANY(^Anything else\\?$)',
    ]);
    expect(ignoredOf('chatdown-consecutive.transcript')).toEqual({ conversationUpdate: 1, typing: 1 });
  });
});

describe('the files written for this bot replay against the server', () => {
  const { target } = useTranscriptServer('bf-shapes-');

  it.each(['balance-senders-by-id.transcript', 'mail-payment-events-traces.transcript', 'payment-receipt-card.transcript'])('%s passes', async (file) => {
    const report = await runTranscripts({ paths: [path.join(IMPORTS, file)], target: target(), vars: { ssn: '401-22-7788' } });
    const text = formatReport(report);
    if (report.failed) console.log(text);
    expect(text).toMatch(/1 passed, 0 failed/);
  }, 60_000);
});
