// Last step of the script-writer pipeline: the model card (models/bundled/scriptwriter-encdec/README.md) from the
// corpus, tokenizer, training and evaluation records in <data>, and the catalogue's file list (bytes + sha256).
//
//   node models/training/scriptwriter/card.mjs [--data .cache/scriptwriter] [--bundle models/bundled/scriptwriter-encdec]
//                                             [--eval .cache/eval-scriptwriter.json]
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(import.meta.dirname, '../../..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '.cache/scriptwriter') },
    bundle: { type: 'string', default: join(root, 'models/bundled/scriptwriter-encdec') },
    eval: { type: 'string', default: join(root, '.cache/eval-scriptwriter.json') },
  },
});
const json = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);
const corpus = json(join(args.data, 'stats.json'));
const prepared = json(join(args.data, 'prepare-stats.json'));
const sw = json(join(args.data, 'sw-summary.json'));
const dec = json(join(args.data, 'do-summary.json'));
const evaluation = json(args.eval);
// Corpus options (recorded by make-corpus since the v5 corpus; older ones were made with the v4 flags).
const V4_OPTIONS = { chrome: true, extras: true, madeUp: 0.5, pseudo: 0 };
const options = corpus?.options ?? V4_OPTIONS;
const madeUp = options.madeUp ?? 0;
const pseudo = options.pseudo ?? 0;
const flagsOf = (o) => [o.chrome ? '--chrome' : '', o.extras ? '--extras' : '', o.madeUp ? `--made-up ${o.madeUp}` : '', o.pseudo ? `--pseudo ${o.pseudo}` : ''].filter(Boolean).join(' ');
const corpusFlags = flagsOf(options);
const share = (x) => (x === 0.5 ? 'half' : `${Math.round(100 * x)}%`);
// A fine-tuned model: what it started from (that run's own summary, beside its weights).
const initSummary = sw?.init ? json(join(resolve(root, sw.init), '..', 'sw-summary.json')) : undefined;
const initNote = !sw?.init ? '' : `
fine-tuned from \`${sw.init}\`${initSummary ? ` (${initSummary.steps.toLocaleString('en')} steps in ${(initSummary.seconds / 60).toFixed(0)} min on the previous corpus, same
tokenizer): ${((initSummary.seconds + sw.seconds) / 60).toFixed(0)} min of one core in all` : ''},`;
// Corpora whose train rows were read before this one's (`train_scriptwriter.py --also`; train-sources.json for a run
// that was given them as one concatenated file).
const also = (sw?.also?.length ? sw.also : json(join(args.data, 'train-sources.json'))?.also ?? []).map((dir) => {
  const stats = json(join(resolve(root, dir), 'stats.json'));
  return { dir, stats, flags: flagsOf(stats?.options ?? V4_OPTIONS) };
});
const alsoNote = also.map(({ dir, stats, flags }) => `- also trained on the train split of \`${dir}\` (\`${flags}\`, the same seeded train pages with
  another draw of labels): ${stats?.splits?.train?.kept ?? '?'} samples, read before this corpus's`).join('\n');
if (!sw) throw new Error(`${join(args.data, 'sw-summary.json')} is missing: train first`);

const lossRows = readFileSync(join(args.data, 'sw-loss.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
  .filter((r) => r[4] !== '');
const files = readdirSync(args.bundle).filter((f) => f !== 'README.md' && f !== 'files.json').sort();
const fileList = files.map((path) => {
  const bytes = readFileSync(join(args.bundle, path));
  return { path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
});

function evalTable() {
  if (!evaluation) return 'Not evaluated yet: run `npm run eval:scriptwriter`.';
  const rows = evaluation.rows;
  const groups = [...new Set(rows.map((r) => `${r.model}|${r.mode}`))];
  const pct = (n, d) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const lines = ['| model | decoding | tasks | success | exact script | NotFound | Syntax |', '|---|---|---:|---:|---:|---:|---:|'];
  for (const g of groups) {
    const [model, mode] = g.split('|');
    const set = rows.filter((r) => r.model === model && r.mode === mode);
    lines.push(`| ${model} | ${mode} | ${set.length} | ${pct(set.filter((r) => r.success).length, set.length)} | ${pct(set.filter((r) => r.exact).length, set.length)} | ${pct(set.filter((r) => r.failure === 'NotFoundError').length, set.length)} | ${pct(set.filter((r) => r.failure === 'ScriptSyntaxError').length, set.length)} |`);
  }
  const failures = rows.filter((r) => !r.success && r.mode === 'constrained').slice(0, 4)
    .map((r) => `- ${r.kind}: "${r.task}"\n  wrote \`${r.script.replace(/\n/g, ' ')}\`\n  gold  \`${r.gold.replace(/\n/g, ' ')}\` (${r.why ?? r.failure})`);
  const defaults = { pages: '40', 'first-seed': '2000001', split: 'test', model: 'scriptwriter-encdec', modes: 'constrained,free', backend: 'wasm', repairs: '0' };
  const flags = Object.entries(evaluation.options)
    .filter(([k, v]) => !['no-build', 'deconly', 'candidate'].includes(k) && v !== false && defaults[k] !== v)
    .map(([k, v]) => (v === true ? `--${k}` : `--${k} ${v}`));
  const demo = evaluation.demoRows?.length
    ? `\n\nOur own apps (demo mail app, todo, shop; \`test/fixtures/apps/scriptwriter-tasks.json\`): ${[...new Set(evaluation.demoRows.map((r) => r.model))]
      .map((m) => `${m} ${evaluation.demoRows.filter((r) => r.model === m && r.ok).length}/${evaluation.demoRows.filter((r) => r.model === m).length}`).join(', ')} tasks done.`
    : '';
  return `${lines.join('\n')}${demo}\n\nCommand: \`npm run eval:scriptwriter -- ${flags.join(' ')}\` (WASM backend, one greedy call per task).\n\nFailure examples (constrained):\n${failures.join('\n')}`;
}

const card = `# scriptwriter-encdec: the bundled script writer

A ${sw.params.toLocaleString('en')}-parameter encoder-decoder (pre-LayerNorm Transformer, ${sw.encoder_layers}+${sw.decoder_layers} layers, width ${sw.d_model},
${sw.heads} heads, feed-forward ${sw.ffn}, sinusoidal positions, tied ${sw.vocab}-token byte-level BPE) that turns Pocket SLM's page
document and a task into one script in our script language. Made here, from nothing but our own code, by the pipeline
in \`models/training/scriptwriter/\` (issue 11); trained on CPU.

## Data
Synthetic and seeded (\`make-corpus.mjs\`): pages generated from templates and word lists (forms, catalogues, search +
results, todo lists, tabbed settings, list + form), rendered in headless Chromium, read by **our content-script
extractor** (so the documents are exactly what the product produces); tasks from a template grammar with paraphrases
(fill and submit, type, select, check, the Nth item, an item by name, lowest/highest, a conditional, every item
matching a field, read a field, count, search then act/read, add/tick/remove todos, switch tab then toggle); every gold
script run by **our interpreter and executor** on the live page and kept only if the page's end state is what the
task wants. Splits by layout and label words: test pages use layout combinations and labels that train pages never
have. This corpus (\`${corpusFlags}\`) also puts page chrome around the blocks (header navigation,
toolbar buttons, footer links), what real apps add (a current nav link, a disabled bulk button, a search placeholder
that is not its label, labelled regions, row checkboxes), and draws ${share(madeUp)} of the train pages' labels from
generic words (\`words.ts\` LABEL_POOL)${pseudo ? `, ${share(pseudo)} of those words pronounceable made-up ones (\`pseudoWord\`: they split into BPE
pieces as unseen real words do)` : ''}, so the model matches a task's words to the document's names by their letters
instead of memorising a few dozen labels.
${corpus ? Object.entries(corpus.splits).map(([k, v]) => `- ${k}: ${v.pages} pages → ${v.kept} samples kept, ${v.dropped} dropped by the judge, ${v.templates} templates`).join('\n') : ''}
${alsoNote ? `${alsoNote}\n` : ''}${prepared ? `- Tokens (this tokenizer): input median ${prepared.train.src.p50}, p95 ${prepared.train.src.p95}; script median ${prepared.train.tgt.p50}, p95 ${prepared.train.tgt.p95} (train)` : ''}

## Training
\`train_scriptwriter.py\`: AdamW (lr ${sw.lr}, warm-up, cosine over the wall-time budget), batch ${sw.batch} rows of similar input
length, ${sw.steps.toLocaleString('en')} steps in ${(sw.seconds / 60).toFixed(0)} min on a shared 2-core CPU (torch ${sw.torch}, ${sw.threads} thread(s)),${initNote}
${sw.loss_tokens_seen.toLocaleString('en')} script tokens seen. Dev loss ${sw.dev_loss.toFixed(3)} nats/token; greedy exact-script rate on the
first 200 dev samples ${(100 * sw.dev_exact_script_rate_first_200).toFixed(1)}%.

| step | minutes | train loss | dev loss | dev exact (40) |
|---:|---:|---:|---:|---:|
${lossRows.map((r) => `| ${r[0]} | ${(Number(r[1]) / 60).toFixed(1)} | ${r[3]} | ${r[4]} | ${r[5]} |`).join('\n')}
${dec ? `\nDecoder-only comparison (\`--arch deconly\`, not bundled): ${dec.params.toLocaleString('en')} parameters (${dec.layers} layers), same data and budget:
${dec.steps.toLocaleString('en')} steps, dev loss ${dec.dev_loss.toFixed(3)}, dev exact ${(100 * dec.dev_exact_script_rate_first_200).toFixed(1)}%.` : '\nNo decoder-only model was trained on this corpus (the 2-core CPU went to this one); the README compares the two\narchitectures trained on the previous corpus with the same data and budget each.'}

## Evaluation in the browser
${evalTable()}

## Use
The catalogue lists it as "Script writer 1.5M (bundled)"; it is the automation default when no larger automation model
is downloaded. Its input is \`extension/features/automate/scriptwriter-input.ts\`. Its decoding is constrained
(\`workers/engines/decoding/\`): names and the members after them are the page document's, the script stays valid
syntax and reads only variables it declares, element methods fit the element's kind, quoted strings are copied from the task, a soft prior prefers names that share the task's words,
and another holds top-level statements to the order in which the task names the fields. It only knows the page shapes and task phrasings
of its corpus: real sites with unusual documents or tasks outside that grammar fail, visibly (the run reports the
error; nothing is invented).

## Files
ONNX (opset 17, fp32): \`encoder_model.onnx\` and \`decoder_model_merged.onnx\` (first step and KV-cache steps in one
graph, an If on \`use_cache_branch\`, optimum's layout); \`config.json\`, \`generation_config.json\`, \`tokenizer.json\` (trained on the
train split), \`tokenizer_config.json\`. Reproduce: \`npm run train:scriptwriter\`.

## License
MIT, as the rest of Pocket SLM: weights and data are generated by this repository's code.
`;
writeFileSync(join(args.bundle, 'README.md'), card);
// The catalogue entry's file list (models/catalogue.ts imports it; a unit test checks it against the files).
writeFileSync(join(args.bundle, 'files.json'), `${JSON.stringify(fileList, null, 2)}\n`);
console.log(`wrote ${join(args.bundle, 'README.md')} and files.json (${fileList.length} files, ${fileList.reduce((n, f) => n + f.bytes, 0)} bytes)`);
