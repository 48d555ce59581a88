// Runs before `npm start` and `npm test` on any clone: installs what is missing. Node built-ins only, since
// node_modules may not exist yet.
import { existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { findChromium } from './lib/chromium.mjs';

function run(command, args) {
  console.log(`[bootstrap] ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`[bootstrap] "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function dependenciesMissing() {
  const installed = 'node_modules/.package-lock.json';
  if (!existsSync(installed)) return true;
  return existsSync('package-lock.json') && statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs;
}

// --ignore-scripts: nothing here needs an install script, and a dev-only one (onnxruntime-node, via
// @huggingface/transformers) downloads binaries, which fails offline.
if (dependenciesMissing()) run('npm', [existsSync('package-lock.json') ? 'ci' : 'install', '--ignore-scripts']);

if (!findChromium()) {
  const isRoot = process.getuid?.() === 0;
  if (process.platform === 'linux' && isRoot && existsSync('/usr/bin/apt-get')) {
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  } else {
    console.error('[bootstrap] Chromium is needed. Install Chromium or Chrome (Debian/Ubuntu: sudo apt-get install -y chromium)'
      + ' or point CHROME_PATH at its executable.');
    process.exit(1);
  }
}
