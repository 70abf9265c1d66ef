import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { App } from '../../app/server';
import { startTestServer } from './server';

/** Debian's chromium package; `npx playwright install` cannot download a browser on these machines. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go; ignored by git, kept by CI as artifacts. */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts');

/**
 * Whether this run should drive a browser. Missing Chromium is a failure
 * (CI installs it) unless SKIP_BROWSER_TESTS=1 says the machine cannot.
 */
export function browserAvailability(): { run: true } | { run: false; reason: string } {
  if (process.env.SKIP_BROWSER_TESTS === '1') return { run: false, reason: 'SKIP_BROWSER_TESTS=1' };
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" ` +
        '(or set CHROMIUM_PATH), or set SKIP_BROWSER_TESTS=1 to skip the browser tests on this machine.',
    );
  }
  return { run: true };
}

/**
 * Headless Chromium. playwright-core's launch() already gives every browser a
 * fresh temporary profile and deletes it on close (it refuses a
 * --user-data-dir argument), so no state leaks between runs.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 20_000 });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

/** The real server, in-process on a free port, over a fresh database seeded with the demo customers. */
export async function startServer(): Promise<{ app: App; baseUrl: string; close(): Promise<void> }> {
  const server = await startTestServer();
  return { app: server.app, baseUrl: server.base, close: server.close };
}

/** Creates the artifacts folder and returns the full path of a file in it. */
export function artifactPath(file: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, file);
}
