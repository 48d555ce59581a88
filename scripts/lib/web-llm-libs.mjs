// The web-llm model libraries a build packages: .wasm files in models/web-llm-libs/ that a catalogue entry names.
import { existsSync, readdirSync, readFileSync, openSync, readSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** @returns {{ modelId: string, name: string, libFile: string }[]} */
export function webLlmCatalogueRows() {
  return JSON.parse(readFileSync(resolve(import.meta.dirname, '../../models/web-llm-models.json'), 'utf8'));
}

function startsWithWasmMagic(path) {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && WASM_MAGIC.every((byte, i) => head[i] === byte);
  } finally {
    closeSync(fd);
  }
}

/**
 * The libraries in `folder` (absent: none). A file that is not WebAssembly (a saved error page) or that no catalogue
 * entry names stops the build with what to do, rather than shipping a model that fails at load.
 * @returns {{ file: string, path: string }[]}
 */
export function packagedWebLlmLibraries(folder) {
  if (!existsSync(folder)) return [];
  const named = new Set(webLlmCatalogueRows().map((row) => row.libFile));
  const libs = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.wasm')).sort()) {
    const path = join(folder, file);
    if (!named.has(file)) {
      throw new Error(`${path}: no catalogue entry uses a web-llm model library of this name (see models/web-llm-models.json; \`npm run web-llm-libs\` lists the names)`);
    }
    if (!startsWithWasmMagic(path)) throw new Error(`${path} is not WebAssembly (an interrupted or failed download?); download it again`);
    libs.push({ file, path });
  }
  return libs;
}
