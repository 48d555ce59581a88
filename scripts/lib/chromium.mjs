// Where Chromium is and how Pocket SLM starts it, shared by `npm start`, the tests and the benchmarks.
import { existsSync } from 'node:fs';

/** @returns {string | undefined} */
export function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  return candidates.find((path) => path && existsSync(path));
}

/** @returns {string} */
export function chromiumPath() {
  const found = findChromium();
  if (!found) throw new Error('No Chromium found: install it (Debian: apt-get install -y chromium) or set CHROME_PATH.');
  return found;
}

/**
 * @param {string[]} extensionDirs unpacked extensions to load
 * @returns {string[]}
 */
export function chromiumArgs(extensionDirs) {
  const args = [
    `--disable-extensions-except=${extensionDirs.join(',')}`,
    `--load-extension=${extensionDirs.join(',')}`,
    '--enable-unsafe-webgpu',
    // Offline: no background fetches to the vendor's servers (unreachable here, and nothing Pocket SLM needs).
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
    '--no-first-run', '--no-default-browser-check',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
