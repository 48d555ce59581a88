// Step 2 of the script-writer pipeline: a byte-level BPE trained on the train split (inputs and scripts), written as
// tokenizer.json, and every split encoded with the product's tokenizer (@huggingface/tokenizers via TextTokenizer's
// library) into <data>/{train,dev,test}.ids.jsonl rows {id, src, tgt} (src ends with </s>; tgt is the script + </s>).
//
//   node models/training/scriptwriter/prepare.mjs [--data .cache/scriptwriter] [--vocab 2048] [--max-src 640]
//                                                [--identifiers whole|words] [--tokenizer DIR]
//
// --tokenizer DIR reuses DIR/tokenizer.json instead of training one (to fine-tune a model on a new corpus).
//
// Rows whose input is longer than --max-src tokens are dropped and counted (the product truncates documents to a
// token budget before they reach the model, scriptwriter-input.ts).
import { Tokenizer } from '@huggingface/tokenizers';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { tokenizerFiles, trainBpe } from './bpe.mjs';

const root = resolve(import.meta.dirname, '../../..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '.cache/scriptwriter') },
    vocab: { type: 'string', default: '2048' },
    'max-src': { type: 'string', default: '640' },
    identifiers: { type: 'string', default: 'whole' },
    tokenizer: { type: 'string' },
  },
});
const data = resolve(args.data);
const read = (split) => readFileSync(join(data, `${split}.jsonl`), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const splits = { train: read('train'), dev: read('dev'), test: read('test') };

const started = Date.now();
if (!['whole', 'words'].includes(args.identifiers)) throw new Error('--identifiers is whole or words');
let files;
if (args.tokenizer) {
  const from = resolve(args.tokenizer);
  files = { tokenizer: JSON.parse(readFileSync(join(from, 'tokenizer.json'), 'utf8')), config: JSON.parse(readFileSync(join(from, 'tokenizer_config.json'), 'utf8')) };
  console.log(`BPE: reusing ${from}`);
} else {
  const trained = trainBpe(splits.train.flatMap((s) => [s.input, s.script]), Number(args.vocab), args.identifiers);
  files = tokenizerFiles(trained);
  console.log(`BPE: ${Object.keys(trained.vocab).length} tokens, ${trained.merges.length} merges, ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
mkdirSync(join(data, 'tokenizer'), { recursive: true });
writeFileSync(join(data, 'tokenizer', 'tokenizer.json'), JSON.stringify(files.tokenizer));
writeFileSync(join(data, 'tokenizer', 'tokenizer_config.json'), JSON.stringify(files.config, null, 2));

const tokenizer = new Tokenizer(files.tokenizer, files.config);
const EOS = 2;
const maxSrc = Number(args['max-src']);
const stats = {};
for (const [split, rows] of Object.entries(splits)) {
  const out = [];
  let dropped = 0;
  const srcLens = [];
  const tgtLens = [];
  for (const row of rows) {
    const src = tokenizer.encode(row.input).ids;
    const tgt = [...tokenizer.encode(row.script, { add_special_tokens: false }).ids, EOS];
    if (src.length > maxSrc) {
      dropped++;
      continue;
    }
    srcLens.push(src.length);
    tgtLens.push(tgt.length);
    out.push(JSON.stringify({ id: row.id, kind: row.kind, src, tgt }));
  }
  writeFileSync(join(data, `${split}.ids.jsonl`), out.join('\n') + '\n');
  const pct = (values, p) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) * p)] ?? 0;
  stats[split] = { rows: out.length, droppedTooLong: dropped, src: { p50: pct(srcLens, 0.5), p95: pct(srcLens, 0.95), max: pct(srcLens, 1) },
    tgt: { p50: pct(tgtLens, 0.5), p95: pct(tgtLens, 0.95), max: pct(tgtLens, 1) } };
}
writeFileSync(join(data, 'prepare-stats.json'), JSON.stringify(stats, null, 2));
console.log(JSON.stringify(stats, null, 1));
