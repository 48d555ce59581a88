import * as v from 'valibot';
import { CustomModelSchema, type CustomModel } from './custom-model.ts';
import { database, type PocketDb } from '../extension/storage/db.ts';
import { findModel, type CatalogueEntry } from './catalogue.ts';

const REQUIRED = ['tokenizer.json', 'tokenizer_config.json', 'config.json'];

export function customEntry(model: CustomModel): CatalogueEntry {
  const missing = REQUIRED.filter((name) => !model.files.some((file) => file.path === name));
  if (!model.files.some((file) => file.path.endsWith('.onnx'))) missing.unshift('an .onnx model file');
  if (missing.length) throw new Error(`a custom model needs ${missing.join(', ')}`);
  return {
    id: model.id, name: model.name, architecture: 'decoder-only', engine: 'ort-decoder',
    source: { kind: 'hub', repo: new URL(model.files[0]!.url).host, revision: 'custom', pinned: model.files.every((f) => f.sha256 !== null) },
    files: model.files, dtype: 'fp32', params: 'unknown', contextLength: model.contextLength, requiredFeatures: [],
    memoryMb: Math.ceil(model.files.reduce((sum, f) => sum + f.bytes, 0) / 1e6) * 2, license: 'as stated by its host',
    goodFor: ['story'], description: 'Added by you from a URL.', promptFormat: 'plain',
  };
}

/** The catalogue plus the user's own models. */
export async function resolveModel(id: string, db: PocketDb = database()): Promise<CatalogueEntry | undefined> {
  const known = findModel(id);
  if (known) return known;
  const row = await db.models.get(id);
  const parsed = v.safeParse(CustomModelSchema, row?.custom);
  return parsed.success ? customEntry(parsed.output) : undefined;
}
