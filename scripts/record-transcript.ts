/**
 * `npm run transcripts:record -- [--channel chat|voice|sms] [--language en|es] [--caller +1…] [--name "…"] [--out FILE] [--base-url URL [--directline URL]]`
 *
 * Records a live conversation as a transcript file. Type a line per turn:
 *   chat    text to send, or [Label] to click a button
 *   voice   digits, * or # to press keys; words to speak; an empty line (or
 *           /silence) for silence; /hangup to hang up
 *   sms     the text of a message
 *   /end    stop and save (so does Ctrl-D, or the end of piped input)
 * Answers to sensitive prompts (SSN or Tax ID, bank account number) are
 * written as ${variables}, never as values; the file's header says which to
 * pass with --var when it is replayed.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { BotReply } from '../transcripts/drivers';
import type { Channel } from '../transcripts/format';
import { Recorder } from '../transcripts/recorder';
import { openTarget, option, runScript } from './transcript-target';

function show(reply: BotReply | null): void {
  if (!reply) return;
  process.stdout.write(`\x1b[36mbot: ${reply.text}\x1b[0m\n`);
  if (reply.actions.length) process.stdout.write(`\x1b[2m     [${reply.actions.join('] [')}]\x1b[0m\n`);
  if (reply.handoff) process.stdout.write('\x1b[2m     (handed to a person)\x1b[0m\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const channel = (option(args, '--channel') ?? 'chat') as Channel;
  if (!['chat', 'voice', 'sms'].includes(channel)) throw new Error('--channel must be chat, voice or sms');
  const language = option(args, '--language') ?? 'en';
  if (language !== 'en' && language !== 'es') throw new Error('--language must be en or es');
  const caller = option(args, '--caller');
  if (caller && !/^\+[1-9]\d{7,14}$/.test(caller)) throw new Error('--caller must be a number like +17045550101');
  const name = option(args, '--name');
  const out = option(args, '--out') ?? `recorded-${channel}-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.yaml`;

  const { target, close } = await openTarget(option(args, '--base-url'), option(args, '--directline'));
  const recorder = new Recorder({ target, channel, language, ...(caller ? { caller } : {}), ...(name ? { name } : {}) });
  try {
    show(await recorder.start());
    const lines = createInterface({ input: process.stdin, terminal: process.stdin.isTTY });
    if (process.stdin.isTTY) process.stdout.write('(type a turn per line; /end to save)\n');
    for await (const line of lines) {
      if (line.trim() === '/end') break;
      try {
        show(await recorder.input(line));
      } catch (e) {
        process.stdout.write(`\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m\n`);
      }
      if (recorder.over) break;
    }
    writeFileSync(out, recorder.toYaml());
    const vars = recorder.variables();
    process.stdout.write(`saved ${out}${vars.length ? `; replay with ${vars.map((v) => `--var ${v}=…`).join(' ')}` : ''}\n`);
    return 0;
  } finally {
    recorder.close();
    await close();
  }
}

runScript(main);
