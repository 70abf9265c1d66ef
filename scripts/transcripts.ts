/**
 * `npm run transcripts -- [files or folders] [--channel chat|voice|sms] [--base-url URL [--directline URL]] [--tag T] [--var name=value]... [--junit FILE]`
 *
 * Plays scripted conversations (YAML, see transcripts/README.md) through the
 * server's real endpoints: Direct Line for chat, signed Twilio webhooks for
 * voice and SMS. Without --base-url it starts the server in-process on a fresh
 * SQLite database with the demo customers. Exits non-zero when any fails.
 */
import { writeFileSync } from 'node:fs';
import { formatReport, junit, runTranscripts } from '../transcripts/runner';
import type { Channel } from '../transcripts/format';
import { openTarget, option, runScript } from './transcript-target';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(['--channel', '--base-url', '--directline', '--tag', '--junit', '--var']);
  const paths = args.filter((a, i) => !a.startsWith('--') && !flags.has(args[i - 1] ?? ''));
  const channel = option(args, '--channel') as Channel | undefined;
  if (channel && !['chat', 'voice', 'sms'].includes(channel)) throw new Error('--channel must be chat, voice or sms');
  const vars: Record<string, string> = {};
  args.forEach((a, i) => {
    if (a !== '--var') return;
    const m = /^(\w+)=(.*)$/s.exec(args[i + 1] ?? '');
    if (!m) throw new Error('--var takes name=value');
    vars[m[1]!] = m[2]!;
  });
  const baseUrl = option(args, '--base-url');
  const { target, close } = await openTarget(baseUrl, option(args, '--directline'));
  try {
    const report = await runTranscripts({ paths: paths.length ? paths : ['test/transcripts'], target, channel, tag: option(args, '--tag'), vars });
    console.log(formatReport(report));
    const junitFile = option(args, '--junit');
    if (junitFile) writeFileSync(junitFile, junit(report));
    return report.failed ? 1 : 0;
  } finally {
    await close();
  }
}

runScript(main);
