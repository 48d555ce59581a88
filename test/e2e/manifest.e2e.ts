import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { distDir } from './browser.ts';

const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8'));

describe('dist/manifest.json as built', () => {
  test('is MV3 with a module service worker, popup, side panel, sandbox page and a shortcut for the side panel', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(manifest.action.default_popup).toBe('popup/index.html');
    expect(manifest.side_panel.default_path).toBe('sidepanel/index.html');
    expect(manifest.sandbox.pages).toEqual(['sandbox.html']);
    expect(manifest.commands['open-side-panel'].suggested_key.default).toMatch(/^Alt\+Shift\+/);
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(137); // WebGPU in workers; JSPI for onnxruntime-web
  });

  test('asks for exactly the permissions the design needs; sites only on the user\'s grant', () => {
    expect([...manifest.permissions].sort()).toEqual(
      ['activeTab', 'contextMenus', 'offscreen', 'scripting', 'sidePanel', 'storage', 'unlimitedStorage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(manifest.content_scripts).toBeUndefined(); // injected on demand only
    expect(manifest.externally_connectable).toBeUndefined();
  });

  test('CSP allows only packaged scripts plus WebAssembly compilation', () => {
    expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
    expect(manifest.content_security_policy.sandbox).not.toMatch(/unsafe-eval|https?:/);
  });

  test('every entry point exists and no built script loads remote code or uses eval', () => {
    for (const path of ['background.js', 'popup/index.html', 'sidepanel/index.html', 'offscreen/index.html',
      'sandbox.html', 'sandbox.js', 'content.js']) {
      expect(existsSync(join(distDir, path)), path).toBe(true);
    }
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(m?js|html)$/.test(name)) files.push(path);
      }
    };
    walk(distDir);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/);
      expect(text, file).not.toMatch(/\bimport\s*\(\s*["']https?:/);
    }
  });
});
