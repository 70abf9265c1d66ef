#!/usr/bin/env node
// Runs the whole test suite. The browser tests need Debian's Chromium: when it
// is missing and this machine can install it (root with apt-get), it is
// installed first; SKIP_BROWSER_TESTS=1 skips those tests instead, loudly.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status === 0;
}

if (process.env.SKIP_BROWSER_TESTS === '1') {
  console.warn('!!! SKIP_BROWSER_TESTS=1: the Web Chat browser tests will be skipped');
} else if (!fs.existsSync(CHROMIUM)) {
  const canInstall = process.getuid && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Chromium is needed for the browser tests and was not found at ${CHROMIUM}.`);
    console.error('Install it (Debian: apt-get install -y chromium) or set SKIP_BROWSER_TESTS=1.');
    process.exit(1);
  }
  console.log('Installing Debian\'s chromium for the browser tests…');
  if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })) {
    console.error('Could not install chromium; set SKIP_BROWSER_TESTS=1 to run the other tests.');
    process.exit(1);
  }
}

const jestArgs = ['jest', ...process.argv.slice(2)];
const ok = run('npx', jestArgs, { env: { ...process.env, NODE_ENV: 'test' } });
process.exit(ok ? 0 : 1);
