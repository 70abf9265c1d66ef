import { Document, isMap, isSeq, visit } from 'yaml';
import { driverFor, type Action, type BotReply, type Driver, type Target } from './drivers';
import type { Channel } from './format';
import { secretName, SSN_SHAPE } from './sensitive';

/**
 * Records a live conversation (a web chat through Direct Line, a simulated
 * call through signed webhooks, or text messages) as a transcript file that
 * replays it. What answers a sensitive prompt (an SSN or Tax ID, a bank account
 * number) is never written: it becomes a `${variable}` whose value is given at
 * replay with `--var`. Replies are written as expectations; the parts that
 * change from one run to the next (dates, amounts, confirmation numbers) are
 * matched by pattern, and a confirmation number is captured for later steps.
 */
export interface RecordOptions {
  target: Target;
  channel: Channel;
  language: 'en' | 'es';
  caller?: string;
  name?: string;
}

type RecordedStep = Record<string, unknown>;

const DEFAULT_CALLER = '+17045550101';

const MONTHS_EN = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DAYS_EN = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const MONTHS_ES = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre';
const DAYS_ES = 'lunes|martes|miércoles|jueves|viernes|sábado|domingo';

/** Spans of a reply that differ from one run to the next. */
export const VOLATILE: RegExp[] = [
  new RegExp(`(?:(?:${DAYS_EN}),? )?(?:${MONTHS_EN}) \\d{1,2}(?:, \\d{4})?`, 'g'),
  new RegExp(`(?:(?:${DAYS_ES}),? )?\\d{1,2} de (?:${MONTHS_ES})(?: de \\d{4})?`, 'g'),
  // Text messages' short dates: "Nov 25", "25 nov".
  /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/g,
  /\b\d{1,2} (?:ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b/g,
  /\$[\d,]+\.\d\d/g,
  /[\d,]+ (?:dollars?|dólares)(?: (?:and|con) \d+ (?:cents?|centavos))?/g,
  /\b\d(?: \d){5,}\b/g,
  /\b\d{10}\b/g,
];

const CONFIRMATION = /(confirmation number is|confirmación es|[Cc]onfirmation|[Cc]onfirmaci[oó]n) (\d{10}|\d(?: \d){9})/;

export const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');


export class Recorder {
  private readonly driver: Driver;
  private readonly steps: RecordedStep[] = [];
  /** Sensitive values seen, by variable name; kept in memory only, to mask repeats. */
  private readonly secrets = new Map<string, string>();
  private confirmation: string | null = null;
  private last: BotReply | null = null;
  private ended = false;

  constructor(private readonly options: RecordOptions) {
    this.driver = driverFor(options.channel, options.target, options.language, options.caller ?? DEFAULT_CALLER);
  }

  /** Opens the conversation; returns the greeting, if the channel has one. */
  async start(): Promise<BotReply | null> {
    const greeting = await this.driver.start();
    if (greeting) this.heard(greeting);
    return greeting;
  }

  get over(): boolean {
    return this.ended;
  }

  /**
   * Plays one line the tester typed and records it with the reply.
   * Chat: text, or `[Label]` to click a button. Voice: digits, `*` and `#` are
   * keypad presses, anything else is speech; an empty line or `/silence` is
   * silence, `/hangup` hangs up. SMS: the text of a message.
   */
  async input(line: string): Promise<BotReply> {
    const action = this.actionFor(line);
    const reply = await this.driver.act(action);
    this.steps.push(this.stepFor(action));
    this.heard(reply);
    if (reply.end || action.kind === 'hangup') this.ended = true;
    return reply;
  }

  close(): void {
    this.driver.close();
  }

  /** Variables the recording needs at replay, in the order they were first used. */
  variables(): string[] {
    return [...this.secrets.keys()];
  }

  /** The transcript file, YAML. */
  toYaml(now = new Date()): string {
    const { channel, language } = this.options;
    const body: Record<string, unknown> = {
      name: this.options.name ?? `Recorded ${channel} conversation, ${now.toISOString().slice(0, 16).replace('T', ' ')}`,
      tags: ['recorded'],
      channel,
      language,
      ...(channel !== 'chat' ? { caller: this.options.caller ?? DEFAULT_CALLER } : {}),
      steps: this.steps,
    };
    const doc = new Document(body);
    // One line per expectation, as people write them, unless a reply runs over several lines.
    visit(doc, {
      Pair(_, pair) {
        const key = (pair.key as { value?: unknown } | null)?.value;
        if ((key === 'actions' || key === 'tags') && isSeq(pair.value)) pair.value.flow = true;
        if ((key !== 'bot' && key !== 'say') || !isMap(pair.value)) return;
        const values = Object.values(pair.value.toJSON() as Record<string, unknown>);
        pair.value.flow = !values.some((v) => typeof v === 'string' && v.includes('\n'));
      },
    });
    const vars = this.variables();
    const header = [
      `# Recorded ${now.toISOString().slice(0, 10)} on ${channel} (${language}). Edit freely: see transcripts/README.md.`,
      ...(vars.length
        ? [
            '# Sensitive entries were not recorded; give their values when you replay:',
            `#   npm run transcripts -- <this file> ${vars.map((v) => `--var ${v}=…`).join(' ')}`,
          ]
        : []),
    ];
    return `${header.join('\n')}\n${doc.toString({ lineWidth: 0 })}`;
  }

  private actionFor(line: string): Action {
    const text = line.trim();
    if (this.options.channel === 'chat') {
      const button = /^\[(.+)\]$/.exec(text);
      return button ? { kind: 'click', label: button[1]! } : { kind: 'text', text: line };
    }
    if (this.options.channel === 'voice') {
      if (text === '' || text === '/silence') return { kind: 'silence' };
      if (text === '/hangup') return { kind: 'hangup' };
      const keys = text.replace(/\s+/g, '');
      if (/^[\d*#]+$/.test(keys)) return { kind: 'press', digits: keys };
      return { kind: 'say', text: text.replace(/^say:\s*/, ''), confidence: 0.9 };
    }
    return { kind: 'text', text: line };
  }

  /** The step as written to the file, with sensitive values replaced by variables. */
  private stepFor(action: Action): RecordedStep {
    const sensitive = this.last?.sensitive === true;
    const mask = (value: string): string => {
      if (sensitive && value.trim()) return this.variable(secretName(this.last?.text ?? ''), value.trim());
      let out = value.replace(SSN_SHAPE, (ssn) => this.variable('ssn', ssn));
      if (this.confirmation) out = out.split(this.confirmation).join('${confirmation}');
      return out;
    };
    switch (action.kind) {
      case 'text':
        return { user: mask(action.text) };
      case 'click':
        return { click: action.label };
      case 'press':
        return { press: mask(action.digits) };
      case 'say':
        return { say: { text: mask(action.text), confidence: action.confidence } };
      case 'silence':
        return { silence: true };
      case 'hangup':
        return { hangup: true };
      case 'activity':
        return { click: action.label };
    }
  }

  private variable(base: string, value: string): string {
    for (const [name, known] of this.secrets) if (known === value) return `\${${name}}`;
    let name = base;
    for (let n = 2; this.secrets.has(name); n++) name = `${base}_${n}`;
    this.secrets.set(name, value);
    return `\${${name}}`;
  }

  private heard(reply: BotReply): void {
    this.last = reply;
    this.steps.push({ bot: this.expectationFor(reply) });
  }

  private expectationFor(reply: BotReply): Record<string, unknown> {
    const expect: Record<string, unknown> = {};
    const text = reply.text;
    let pattern = '';
    let volatile = false;
    let at = 0;
    const spans = VOLATILE.flatMap((re) => [...text.matchAll(re)].map((m) => ({ from: m.index, to: m.index + m[0].length })))
      .sort((a, b) => a.from - b.from || b.to - a.to);
    for (const span of spans) {
      if (span.from < at) continue;
      pattern += `${escapeRegex(text.slice(at, span.from))}.+?`;
      at = span.to;
      volatile = true;
    }
    pattern += escapeRegex(text.slice(at));
    if (volatile) expect.regex = `^${pattern}$`;
    else expect.text = text;

    const m = CONFIRMATION.exec(text);
    if (m && !this.confirmation) {
      // Spoken digit by digit on the phone ("1 2 3 …"), written whole elsewhere.
      this.confirmation = m[2]!;
      expect.capture = { confirmation: `${m[1]} ${/\s/.test(m[2]!) ? '((?:\\d ){9}\\d)' : '(\\d{10})'}` };
    }
    const stable = reply.actions.filter((a) => !VOLATILE.some((re) => new RegExp(re.source).test(a)));
    if (stable.length) expect.actions = stable;
    if (reply.intent) expect.intent = reply.intent;
    if (reply.handoff) expect.handoff = true;
    if (reply.end) expect.end = true;
    return expect;
  }
}
