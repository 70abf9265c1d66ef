import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file under a folder, at any depth. */
export function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/**
 * Waits until no new file appears under a folder for two checks in a row (at
 * most ten seconds): the transcript logger writes the bot's replies after the
 * turn, so a folder is removed only once it has settled.
 */
export async function settled(folder: string): Promise<void> {
  let last = -1;
  let stable = 0;
  for (let i = 0; i < 50 && stable < 2; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const count = filesUnder(folder).length;
    stable = count === last ? stable + 1 : 0;
    last = count;
  }
}
