/**
 * `npm run transcripts -- [files or folders] [--channel chat|voice|sms] [--base-url URL [--directline URL]] [--tag T] [--var name=value]... [--jobs N] [--retries N] [--junit FILE]`
 *
 * Plays scripted conversations (YAML, see transcripts/README.md) through the
 * server's real endpoints: Direct Line for chat, signed Twilio webhooks for
 * voice and SMS. Without --base-url it starts the server in-process on a fresh
 * SQLite database with the demo customers. Exits 0 only when something ran
 * and all of it passed: 1 when a conversation failed, 2 when a file could not
 * be read (the others still run), 3 when nothing ran at all.
 */
import { writeFileSync } from 'node:fs';
import { exitCode, formatReport, junit, runTranscripts } from '../transcripts/runner';
import type { Channel } from '../transcripts/format';
import { openTarget, option, runScript } from './transcript-target';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(['--channel', '--base-url', '--directline', '--tag', '--junit', '--var', '--jobs', '--retries']);
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
  const count = (name: string) => {
    const v = option(args, name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new Error(`${name} takes a whole number`);
    return Number(v);
  };
  const jobs = count('--jobs');
  const retries = count('--retries');
  const baseUrl = option(args, '--base-url');
  const { target, close } = await openTarget(baseUrl, option(args, '--directline'));
  try {
    const report = await runTranscripts({ paths: paths.length ? paths : ['test/transcripts'], target, channel, tag: option(args, '--tag'), vars, jobs, retries });
    console.log(formatReport(report));
    const junitFile = option(args, '--junit');
    if (junitFile) writeFileSync(junitFile, junit(report));
    return exitCode(report);
  } finally {
    await close();
  }
}

runScript(main);
