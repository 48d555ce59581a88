// Lists the web-llm model libraries the catalogue can use, where to download them (on a machine with internet), and
// which ones models/web-llm-libs/ already holds for the next build (a broken or unknown file there is an error).
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { packagedWebLlmLibraries, webLlmCatalogueRows } from './lib/web-llm-libs.mjs';

const folder = resolve(import.meta.dirname, '../models/web-llm-libs');
const packaged = new Set(packagedWebLlmLibraries(folder).map((lib) => lib.file));
const byLib = new Map();
for (const row of webLlmCatalogueRows()) {
  const record = prebuiltAppConfig.model_list.find((m) => m.model_id === row.modelId);
  if (!record) throw new Error(`web-llm's prebuilt config has no model ${row.modelId}`);
  if (!record.model_lib.endsWith(`/${row.libFile}`)) throw new Error(`${row.modelId}: web-llm names ${record.model_lib}, the catalogue ${row.libFile}`);
  const entry = byLib.get(row.libFile) ?? { url: record.model_lib, models: [] };
  entry.models.push(row.name);
  byLib.set(row.libFile, entry);
}
console.log(`web-llm model libraries go in ${folder}${existsSync(folder) ? '' : ' (folder not there yet)'}; then rebuild (npm run build).`);
for (const [file, { url, models }] of byLib) {
  console.log(`${packaged.has(file) ? '[packaged]' : '[missing] '} ${file}\n    for ${models.join(', ')}\n    from ${url}`);
}
