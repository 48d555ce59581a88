// Step 4 of `npm run train:encdec`: checks the exported ONNX student against the torch reference in onnxruntime-web
// (WASM, Node), then writes the model card and prints the catalogue file list (bytes + sha256).
//
//   node models/training/finish.mjs [--bundle models/bundled/tinystories-encdec] [--fixture test/fixtures/encdec-student]
//                                   [--data .cache/encdec]
//
// Parity: the encoder and the decoder (decoder_model_merged.onnx, or decoder_model.onnx for the first step and
// decoder_with_past_model.onnx with the KV cache fed back) are run on
// the reference prompts with the torch greedy ids as decoder inputs; the logits of the first steps are compared with
// the torch logits (max abs diff, must be ≤ 1e-4), and ONNX greedy decoding with the KV cache must give the torch
// greedy ids exactly. Results go to <fixture>/parity.json and into the model card.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { Tokenizer } from '@huggingface/tokenizers';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    bundle: { type: 'string', default: join(root, 'models/bundled/tinystories-encdec') },
    fixture: { type: 'string', default: join(root, 'test/fixtures/encdec-student') },
    data: { type: 'string', default: join(root, '.cache/encdec') },
    'card-only': { type: 'boolean', default: false },
  },
});
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));
const config = json(join(args.bundle, 'config.json'));
const reference = json(join(args.fixture, 'reference.json'));
const LAYERS = config.decoder_layers;
const HEADS = config.decoder_attention_heads;
const HEAD_DIM = config.d_model / HEADS;
const VOCAB = config.vocab_size;

ort.env.wasm.numThreads = 1;
const open = (name) => ort.InferenceSession.create(readFileSync(join(args.bundle, name)), { executionProviders: ['wasm'] });
const int64 = (values) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), [1, values.length]);

async function decodeWithCache(sessions, inputIds, decoderInputs) {
  const [encoder, first, withPast] = sessions;
  const mask = int64(inputIds.map(() => 1));
  const hidden = (await encoder.run({ input_ids: int64(inputIds), attention_mask: mask })).last_hidden_state;
  const rows = [];
  let selfKv = [];
  let crossKv = [];
  for (let step = 0; step < decoderInputs.length; step++) {
    const feeds = { input_ids: int64([decoderInputs[step]]), encoder_attention_mask: mask };
    const merged = first === withPast;
    if (merged) feeds.use_cache_branch = new ort.Tensor('bool', Uint8Array.of(step > 0 ? 1 : 0), [1]);
    if (step === 0 || merged) feeds.encoder_hidden_states = hidden;
    if (step === 0 && merged) {
      const empty = () => new ort.Tensor('float32', new Float32Array(0), [1, HEADS, 0, HEAD_DIM]);
      for (let i = 0; i < LAYERS; i++) {
        for (const kind of ['key', 'value']) {
          feeds[`past_key_values.${i}.decoder.${kind}`] = empty();
          feeds[`past_key_values.${i}.encoder.${kind}`] = empty();
        }
      }
    } else if (step > 0) {
      for (let i = 0; i < LAYERS; i++) {
        for (const [j, kind] of ['key', 'value'].entries()) {
          feeds[`past_key_values.${i}.decoder.${kind}`] = selfKv[2 * i + j];
          feeds[`past_key_values.${i}.encoder.${kind}`] = crossKv[2 * i + j];
        }
      }
    }
    const out = await (step === 0 ? first : withPast).run(feeds);
    selfKv = Array.from({ length: LAYERS }, (_, i) => ['key', 'value'].map((k) => out[`present.${i}.decoder.${k}`])).flat();
    if (step === 0) crossKv = Array.from({ length: LAYERS }, (_, i) => ['key', 'value'].map((k) => out[`present.${i}.encoder.${k}`])).flat();
    rows.push(Array.from(out.logits.data.slice(0, VOCAB)));
  }
  return rows;
}

const argmax = (row) => row.reduce((best, v, i) => (v > row[best] ? i : best), 0);

async function parity() {
  const merged = existsSync(join(args.bundle, 'decoder_model_merged.onnx'));
  const first = await open(merged ? 'decoder_model_merged.onnx' : 'decoder_model.onnx');
  const sessions = [await open('encoder_model.onnx'), first, merged ? first : await open('decoder_with_past_model.onnx')];
  let maxDiff = 0;
  const greedy = [];
  for (const c of reference.cases) {
    const decoderInputs = [reference.decoder_start_token_id, ...c.generated_ids.slice(0, -1)];
    const rows = await decodeWithCache(sessions, c.input_ids, decoderInputs);
    (c.step_logits ?? []).forEach((row, s) => row.forEach((v, i) => { maxDiff = Math.max(maxDiff, Math.abs(v - rows[s][i])); }));
    // Greedy with the ONNX KV cache: the argmax of every step (inputs are the torch ids, so a first mismatch shows).
    const onnxIds = rows.map(argmax);
    greedy.push({ text: c.text, equal: JSON.stringify(onnxIds) === JSON.stringify(c.generated_ids) });
  }
  return { maxAbsLogitDiff: maxDiff, comparedLogits: reference.cases.reduce((n, c) => n + (c.step_logits?.length ?? 0) * VOCAB, 0),
    greedy, ok: maxDiff <= 1e-4 && greedy.every((g) => g.equal) };
}

const result = args['card-only'] && existsSync(join(args.fixture, 'parity.json')) ? json(join(args.fixture, 'parity.json')) : await parity();
writeFileSync(join(args.fixture, 'parity.json'), JSON.stringify(result, null, 2) + '\n');
console.log(`parity: max |ONNX − torch| logits ${result.maxAbsLogitDiff.toExponential(2)} over ${result.comparedLogits} values; `
  + `greedy equal ${result.greedy.filter((g) => g.equal).length}/${result.greedy.length}`);

// ---------------------------------------------------------------- model card
const teacherDir = resolve(root, '../shared/models/TinyStories-656K/original');
const tokenizer = new Tokenizer(json(join(args.bundle, 'tokenizer.json')), json(join(args.bundle, 'tokenizer_config.json')));
const decode = (ids) => tokenizer.decode(ids, { skip_special_tokens: true });
const summary = existsSync(join(args.data, 'train-summary.json')) ? json(join(args.data, 'train-summary.json')) : {};
const corpus = existsSync(join(args.data, 'teacher-heldout.json')) ? json(join(args.data, 'teacher-heldout.json')) : {};
const lossCsv = existsSync(join(args.data, 'loss.csv')) ? readFileSync(join(args.data, 'loss.csv'), 'utf8').trim().split(/\r?\n/) : [];
const lossRows = lossCsv.slice(1).map((l) => l.split(','));
const keep = lossRows.filter((r, i) => r[4] !== '' || i === lossRows.length - 1);
const files = readdirSync(args.bundle).filter((f) => f !== 'README.md').sort().map((path) => {
  const bytes = readFileSync(join(args.bundle, path));
  return { path, bytes: statSync(join(args.bundle, path)).size, sha256: createHash('sha256').update(bytes).digest('hex') };
});
const maxPrefix = summary.architecture?.max_prefix ?? 128;
const fmt = (x, d = 3) => (typeof x === 'number' ? x.toFixed(d) : 'n/a');
const card = `# TinyStories enc-dec ${Math.round((summary.params ?? 0) / 1000)}K (distilled from TinyStories-656K)

A tiny **encoder-decoder** story model made here, for Pocket SLM's offline Story writer and for comparing
encoder-decoder with decoder-only models of matched size in our own engines. It continues a story: the encoder reads
the beginning, the decoder writes what comes next (at most 64 tokens were seen per continuation in training).
It is a student of the decoder-only teacher TinyStories-656K, whose tokenizer it shares. Quality is low (it is tiny and
was trained for ${fmt((summary.seconds ?? 0) / 60, 0)} minutes on 2 shared CPU cores): expect simple, often incoherent
children's-story sentences.

## Architecture

Pre-LayerNorm Transformer encoder-decoder in plain \`torch.nn\` (\`models/training/encdec_model.py\`):
d_model ${config.d_model}, ${config.encoder_layers} encoder + ${config.decoder_layers} decoder layers, ${HEADS} heads of ${HEAD_DIM},
GELU feed-forward ${config.encoder_ffn_dim}, fixed sinusoidal positions (no table; \`max_position_embeddings\` ${config.max_position_embeddings}
is only the window the engine uses), one embedding shared by encoder input, decoder input and output projection,
vocabulary ${VOCAB} (the teacher's tokenizer)${config.scale_embedding ? ', token embeddings scaled by √d_model before the positions are added' : ''}. **${(summary.params ?? 0).toLocaleString('en-US')} parameters**
(${fmt((summary.params ?? 0) / 656000)}x the teacher's 656,000). The decoder starts from token 0 (\`<unk>\`, the pad) and
stops at \`<|end_story|>\` (2); encoder inputs start with \`<|start_story|>\` (1), as the tokenizer adds it.
${config.encoder_layers < config.decoder_layers ? `
Why ${config.encoder_layers} encoder and ${config.decoder_layers} decoder layers: the encoder is the only part of the time to the first token that
grows with the prompt (the first decoder step attends to it once), so a shallow encoder makes the first token cheap on
long prompts, and the parameters go into decoder depth, which costs per generated token instead. The first student
(2 + 2 layers) needed about as long as the decoder-only teacher for a 512-token prompt (\`npm run bench:arch\`: 1.02x
on WASM). A run with token embeddings scaled by √d_model learned much faster but began to memorise the 15k training
pairs within minutes (held-out loss 3.54 at best, then rising), so this one keeps them unscaled.
` : ''}
## Data

${corpus.stories ?? '?'} stories sampled from the teacher (\`models/training/make-corpus.mjs\`: onnxruntime-web WASM in
Node, batches of ${corpus.batch ?? '?'} that all start at BOS, KV cache fed back, seed ${corpus.seed ?? '?'}, temperature
${corpus.temperature ?? '?'}, at most ${corpus.maxLen ?? '?'} tokens, ${corpus.storiesEndedWithEos ?? '?'} ended with EOS, mean
${fmt(corpus.meanStoryTokens, 1)} tokens; sampling took ${fmt(corpus.sampleSeconds, 0)} s). Each story was cut at seeded
points into (prefix → continuation of ≤ 64 tokens, EOS included where the story ends): ${corpus.trainRows ?? '?'} training
pairs (${(corpus.trainContinuationTokens ?? 0).toLocaleString('en-US')} continuation tokens) from the first stories, and
${corpus.heldoutRows ?? '?'} held-out pairs from the last ${corpus.stories && corpus.trainRows ? corpus.stories - Math.round(corpus.trainRows / (corpus.cutsPerStory ?? 1)) : '?'} stories, never trained on. Training prefixes longer than
${maxPrefix} tokens keep BOS and their last ${maxPrefix - 1} tokens.

## Training

\`models/training/train_encdec.py\`: AdamW (β 0.9/0.98, weight decay 0.01), peak lr ${summary.lr ?? '?'}, warm-up 100 steps then
cosine to 10%, batch ${summary.batch ?? '?'}, gradient clip 1.0, seed ${summary.seed ?? '?'}, torch ${summary.torch ?? '?'} on
${summary.threads ?? '?'} threads (a CPU shared with other jobs). **${summary.steps ?? '?'} steps in ${fmt((summary.seconds ?? 0) / 60, 1)} min,
${(summary.loss_tokens_seen ?? 0).toLocaleString('en-US')} loss tokens seen.**${summary.kept_step && summary.kept_step !== summary.steps ? ` The weights kept are those of step ${summary.kept_step}, the lowest held-out loss seen (early stopping).` : ' The weights kept are the last ones (the held-out loss was still falling).'}

| step | minutes | loss tokens | train loss (last 50 steps) | held-out loss |
| ---: | ---: | ---: | ---: | ---: |
${keep.map((r) => `| ${r[0]} | ${(Number(r[1]) / 60).toFixed(1)} | ${Number(r[2]).toLocaleString('en-US')} | ${r[3]} | ${r[4] || ''} |`).join('\n')}

## Held-out loss (teacher-forced, nats per token, same ${summary.heldout_tokens ?? corpus.heldoutTokens ?? '?'} continuation tokens)

| model | loss | how |
| --- | ---: | --- |
| student (this model) | ${fmt(summary.student_heldout_loss)} | torch, prefix (≤ ${maxPrefix} tokens, as in training) → continuation |
| teacher TinyStories-656K | ${fmt(corpus.heldoutTeacherLoss)} | its ONNX graph in onnxruntime-web (Node), full prefix + continuation |

The continuations are the teacher's own samples (temperature ${corpus.temperature ?? '?'}), so the teacher is scored on
text it wrote; the student's gap to it is what distillation has not recovered.

## ONNX export and parity

\`models/training/export_encdec.py\`: \`torch.onnx.export\`, opset 17, \`do_constant_folding=False\`: \`encoder_model.onnx\`
and a decoder pair (first step: returns self- and cross-attention KV; with past: KV fed back), which
\`models/training/merge_decoders.py\` merges, as optimum does, into \`decoder_model_merged.onnx\` (an If on
\`use_cache_branch\`, the weights stored once).
\`models/training/finish.mjs\` (onnxruntime-web WASM, Node): max |ONNX − torch| logits
**${result.maxAbsLogitDiff.toExponential(2)}** over ${result.comparedLogits} values; greedy ids with the ONNX KV cache equal the torch
ids (full recompute) for ${result.greedy.filter((g) => g.equal).length}/${result.greedy.length} prompts. Fixture:
\`test/fixtures/encdec-student/reference.json\`.

## Greedy samples (torch, ${reference.new_tokens} tokens, no EOS stop)

${reference.cases.map((c) => `- **${c.text}** →${decode(c.generated_ids).startsWith(' ') ? '' : ' '}${decode(c.generated_ids).replace(/\n/g, ' ')}`).join('\n')}

## Reproduce

\`npm run train:encdec\` (corpus → training → export → parity → this card). Sampling, cuts, initialisation and batch
order are seeded, but training stops at a wall-time budget and its learning-rate schedule follows elapsed time (the
CPU here is shared, and its speed changed several-fold during this run: see the minutes column), so another machine
or another load trains for a different number of steps and gets different weights. An interrupted run resumes from
\`.cache/encdec/ckpt.pt\`; \`--fresh\` starts over.

## License and provenance

Apache-2.0, as derived from the teacher TinyStories-656K (Hugging Face \`raincandy-u/TinyStories-656K\`, via
\`LearningInfiniTensor/learning-lm-rs\`), whose model card declares \`license: apache-2.0\` (not verified first-hand; see
the teacher's README). The weights were trained here only on text the teacher generated; the tokenizer files are the
teacher's. \`LICENSE-Apache-2.0.txt\` is the license text.

## Files

| file | bytes | sha256 |
| --- | ---: | --- |
${files.map((f) => `| ${f.path} | ${f.bytes} | ${f.sha256} |`).join('\n')}
`;
writeFileSync(join(args.bundle, 'README.md'), card);
console.log(JSON.stringify(files.filter((f) => f.path !== 'LICENSE-Apache-2.0.txt').map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 }))));
void teacherDir;
if (!result.ok) {
  console.error('parity FAILED');
  process.exit(1);
}
