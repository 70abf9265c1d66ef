import { XMLParser } from 'fast-xml-parser';

/** One TwiML verb as Twilio would execute it. */
export interface TwimlVerb {
  verb: string;
  attrs: Record<string, string>;
  /** The verb's own text (what `<Say>` says, where `<Redirect>` goes, the number `<Dial>` calls). */
  text: string;
  children: TwimlVerb[];
}

/** What a caller experiences from one TwiML document, flattened for the simulator and tests. */
export interface VoiceScreen {
  verbs: TwimlVerb[];
  /** Everything said, in order (inside and outside the Gather). */
  says: { text: string; voice: string; language: string }[];
  gather: Record<string, string> | null;
  redirect: string | null;
  dial: string | null;
  hangup: boolean;
  /** The attributes of a `<Pay>` verb: the caller is asked for a card next. */
  pay: Record<string, string> | null;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

function toVerbs(nodes: Node[]): TwimlVerb[] {
  const verbs: TwimlVerb[] = [];
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const content = (node[name] as Node[]) ?? [];
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    verbs.push({ verb: name, attrs: node[':@'] ?? {}, text, children: toVerbs(content.filter((c) => !('#text' in c))) });
  }
  return verbs;
}

/** Parses a TwiML document into the verbs under `<Response>`; throws when it is not TwiML. */
export function readTwiml(xml: string): TwimlVerb[] {
  const doc = toVerbs(parser.parse(xml) as Node[]);
  const response = doc.find((v) => v.verb === 'Response');
  if (!response) throw new Error('not a TwiML document: no <Response>');
  return response.children;
}

/** Flattens a voice TwiML document into what the caller hears and what happens next. */
export function readVoiceScreen(xml: string): VoiceScreen {
  const verbs = readTwiml(xml);
  const screen: VoiceScreen = { verbs, says: [], gather: null, redirect: null, dial: null, hangup: false, pay: null };
  const say = (v: TwimlVerb) => screen.says.push({ text: v.text, voice: v.attrs.voice ?? '', language: v.attrs.language ?? '' });
  for (const v of verbs) {
    if (v.verb === 'Say') say(v);
    if (v.verb === 'Gather') {
      screen.gather = v.attrs;
      v.children.filter((c) => c.verb === 'Say').forEach(say);
    }
    if (v.verb === 'Redirect') screen.redirect = v.text;
    if (v.verb === 'Dial') screen.dial = v.text || (v.children[0]?.text ?? '');
    if (v.verb === 'Hangup') screen.hangup = true;
    if (v.verb === 'Pay') screen.pay = v.attrs;
  }
  return screen;
}

/** The bodies of the `<Message>` verbs of a messaging TwiML document. */
export function readMessages(xml: string): string[] {
  return readTwiml(xml)
    .filter((v) => v.verb === 'Message')
    .map((v) => v.text || v.children.find((c) => c.verb === 'Body')?.text || '');
}
