#!/usr/bin/env node
// Runs the whole test suite on SQLite, then the whole suite a second time on
// PostgreSQL when it is reachable (a loud line says when it is not): every
// suite that starts the server or opens a store then uses a fresh PostgreSQL
// schema. The browser tests need Debian's Chromium: when it is missing
// and this machine can install it (root with apt-get), it is installed first;
// SKIP_BROWSER_TESTS=1 skips those tests instead, loudly.
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

const POSTGRES_URL = process.env.TEST_POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/test';

function postgresReachable() {
  const probe = `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 2000 });
c.connect().then(() => c.query('SELECT 1')).then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe, POSTGRES_URL], { timeout: 5000 }).status === 0;
}

const env = { ...process.env, NODE_ENV: 'test' };
const extra = process.argv.slice(2);
console.log('=== The whole suite on SQLite (and the repository contract on PostgreSQL where reachable)');
let ok = run('npx', ['jest', ...extra], { env });
if (extra.length === 0) {
  if (postgresReachable()) {
    console.log(`=== The whole suite again on PostgreSQL (${POSTGRES_URL})`);
    ok = run('npx', ['jest'], { env: { ...env, TEST_DATABASE: 'postgres' } }) && ok;
  } else {
    console.warn(`!!! PostgreSQL is not reachable at ${POSTGRES_URL}: the PostgreSQL pass is SKIPPED`);
  }
}
process.exit(ok ? 0 : 1);
