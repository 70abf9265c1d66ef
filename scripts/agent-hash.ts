/**
 * `npm run agent:hash`: prints the scrypt hash of a desk password for
 * AGENT_USERS ("id:agent|supervisor:Name:<hash>"). The password is read from
 * standard input so it stays out of the shell history.
 */
import { hashPassword } from '../desk';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (password.length < 12) {
    console.error('Use a password of at least 12 characters.');
    process.exit(1);
  }
  console.log(await hashPassword(password));
}

void main();
