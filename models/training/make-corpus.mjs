// Step 1 of `npm run train:encdec`: a distillation corpus sampled from the teacher TinyStories-656K.
//
//   node models/training/make-corpus.mjs [--stories 3072] [--batch 64] [--max-len 256] [--temperature 0.8]
//                                        [--seed 1234] [--cuts 2] [--heldout 256] [--out .cache/encdec]
//
// The teacher's ONNX graph (../shared/models/TinyStories-656K/onnx/model.onnx) runs in onnxruntime-web's WASM build in
// Node, `batch` stories at a time: every row starts at BOS, so all rows share one length and one position; the
// KV cache (`present.*`) is fed back; tokens are sampled with a seeded PRNG at `temperature`; a row stops at EOS (it
// keeps running with the others, but its later tokens are dropped). Each story is then cut at `cuts` seeded points into
// (prefix → continuation of at most 64 tokens, EOS included when the story ends there). Rows go to
// <out>/corpus.jsonl (training) and <out>/heldout.jsonl (the stories of the last `heldout` rows, never trained on).
// The teacher's teacher-forced loss on the held-out continuations given their prefixes is computed here with the same
// ONNX graph and written to <out>/teacher-heldout.json, so student and teacher are scored on identical tokens.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    teacher: { type: 'string', default: resolve(root, '../shared/models/TinyStories-656K') },
    stories: { type: 'string', default: '3072' },
    batch: { type: 'string', default: '64' },
    'max-len': { type: 'string', default: '256' },
    temperature: { type: 'string', default: '0.8' },
    seed: { type: 'string', default: '1234' },
    cuts: { type: 'string', default: '2' },
    heldout: { type: 'string', default: '256' },
    out: { type: 'string', default: join(root, '.cache/encdec') },
  },
});
const STORIES = Number(args.stories);
const BATCH = Number(args.batch);
const MAX_LEN = Number(args['max-len']);
const TEMPERATURE = Number(args.temperature);
const SEED = Number(args.seed);
const CUTS = Number(args.cuts);
const HELDOUT = Number(args.heldout);
const MAX_CONTINUATION = 64;
const MIN_PREFIX = 4; // BOS + 3 tokens at least
const BOS = 1;
const EOS = 2;

const modelPath = join(args.teacher, 'onnx/model.onnx');
const tokenizerPath = join(args.teacher, 'original/tokenizer.json');
const missing = [modelPath, tokenizerPath, join(args.teacher, 'original/config.json')].filter((p) => !existsSync(p));
if (missing.length) {
  console.error(`make-corpus: the teacher TinyStories-656K is incomplete; missing:\n  ${missing.join('\n  ')}\n`
    + 'Expected the shared model folder ../shared/models/TinyStories-656K (or pass --teacher <folder>).');
  process.exit(2);
}
const teacherConfig = JSON.parse(readFileSync(join(args.teacher, 'original/config.json'), 'utf8'));
const LAYERS = teacherConfig.num_hidden_layers;
const KV_HEADS = teacherConfig.num_key_value_heads;
const HEAD_DIM = teacherConfig.hidden_size / teacherConfig.num_attention_heads;
const VOCAB = teacherConfig.vocab_size;

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

ort.env.wasm.numThreads = 1;
const session = await ort.InferenceSession.create(readFileSync(modelPath), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
const int64 = (values, dims) => new ort.Tensor('int64', BigInt64Array.from(values, BigInt), dims);
const emptyPast = (b) => Object.fromEntries(Array.from({ length: LAYERS }, (_, i) => ['key', 'value']
  .map((kind) => [`past_key_values.${i}.${kind}`, new ort.Tensor('float32', new Float32Array(0), [b, KV_HEADS, 0, HEAD_DIM])])).flat());

/** Runs the teacher on `ids` ([b][t], all the same length) with `past`; returns logits and the new past. */
async function step(ids, past, pastLen) {
  const b = ids.length;
  const t = ids[0].length;
  const feeds = {
    input_ids: int64(ids.flat(), [b, t]),
    attention_mask: int64(new Array(b * (pastLen + t)).fill(1), [b, pastLen + t]),
    position_ids: int64(ids.flatMap(() => Array.from({ length: t }, (_, j) => pastLen + j)), [b, t]),
    ...past,
  };
  const out = await session.run(feeds);
  const next = {};
  for (let i = 0; i < LAYERS; i++) {
    for (const kind of ['key', 'value']) next[`past_key_values.${i}.${kind}`] = out[`present.${i}.${kind}`];
  }
  return { logits: out.logits.data, next };
}

function sampleRow(logits, offset, random) {
  let max = -Infinity;
  for (let v = 0; v < VOCAB; v++) max = Math.max(max, logits[offset + v]);
  const probs = new Float64Array(VOCAB);
  let sum = 0;
  for (let v = 0; v < VOCAB; v++) {
    probs[v] = Math.exp((logits[offset + v] - max) / TEMPERATURE);
    sum += probs[v];
  }
  let r = random() * sum;
  for (let v = 0; v < VOCAB; v++) {
    r -= probs[v];
    if (r <= 0) return v;
  }
  return VOCAB - 1;
}

async function sampleBatch(b, random) {
  const stories = Array.from({ length: b }, () => [BOS]);
  const done = new Array(b).fill(false);
  let past = emptyPast(b);
  let input = stories.map(() => [BOS]);
  for (let len = 1; len < MAX_LEN && done.includes(false); len++) {
    const { logits, next } = await step(input, past, len - 1);
    past = next;
    input = [];
    for (let r = 0; r < b; r++) {
      const token = sampleRow(logits, r * VOCAB, random);
      if (!done[r]) {
        stories[r].push(token);
        if (token === EOS) done[r] = true;
      }
      input.push([token]);
    }
  }
  return stories;
}

/** Cuts one story (BOS … [EOS]) at a seeded point into a prefix (BOS first) and a continuation of ≤ 64 tokens. */
function cut(story, random) {
  const body = story.length; // includes BOS and maybe EOS
  const last = body - (story[body - 1] === EOS ? 2 : 1); // index of the last content token
  if (last < MIN_PREFIX) return null;
  const at = MIN_PREFIX + Math.floor(random() * (last - MIN_PREFIX + 1)); // prefix = story[0, at), continuation starts at `at`
  return { prefix: story.slice(0, at), continuation: story.slice(at, at + MAX_CONTINUATION) };
}

/** Teacher-forced cross-entropy (nats) of each continuation given its prefix, one sequence at a time. */
async function teacherLoss(rows) {
  let nll = 0;
  let tokens = 0;
  for (const row of rows) {
    const ids = [...row.prefix, ...row.continuation];
    const { logits } = await step([ids], emptyPast(1), 0);
    for (let i = row.prefix.length; i < ids.length; i++) {
      const offset = (i - 1) * VOCAB;
      let max = -Infinity;
      for (let v = 0; v < VOCAB; v++) max = Math.max(max, logits[offset + v]);
      let sum = 0;
      for (let v = 0; v < VOCAB; v++) sum += Math.exp(logits[offset + v] - max);
      nll += Math.log(sum) + max - logits[offset + ids[i]];
      tokens++;
    }
  }
  return { loss: nll / tokens, tokens };
}

mkdirSync(args.out, { recursive: true });
const random = prng(SEED);
const started = performance.now();
const stories = [];
while (stories.length < STORIES) {
  const b = Math.min(BATCH, STORIES - stories.length);
  stories.push(...await sampleBatch(b, random));
  const s = (performance.now() - started) / 1000;
  process.stdout.write(`\rmake-corpus: ${stories.length}/${STORIES} stories, ${s.toFixed(0)} s`);
}
const sampleSeconds = (performance.now() - started) / 1000;
process.stdout.write('\n');

const cutRandom = prng(SEED + 1);
const heldoutStories = stories.slice(stories.length - HELDOUT);
const trainStories = stories.slice(0, stories.length - HELDOUT);
const trainRows = trainStories.flatMap((s) => Array.from({ length: CUTS }, () => cut(s, cutRandom))).filter(Boolean);
const heldoutRows = heldoutStories.map((s) => cut(s, cutRandom)).filter(Boolean);
const jsonl = (rows) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
writeFileSync(join(args.out, 'corpus.jsonl'), jsonl(trainRows));
writeFileSync(join(args.out, 'heldout.jsonl'), jsonl(heldoutRows));

const lossStarted = performance.now();
const teacher = await teacherLoss(heldoutRows);
const ended = stories.filter((s) => s.at(-1) === EOS).length;
const meta = {
  teacher: 'TinyStories-656K onnx/model.onnx (onnxruntime-web WASM in Node)',
  seed: SEED, temperature: TEMPERATURE, stories: STORIES, batch: BATCH, maxLen: MAX_LEN, cutsPerStory: CUTS,
  storiesEndedWithEos: ended,
  meanStoryTokens: stories.reduce((n, s) => n + s.length, 0) / stories.length,
  trainRows: trainRows.length, heldoutRows: heldoutRows.length,
  trainContinuationTokens: trainRows.reduce((n, r) => n + r.continuation.length, 0),
  sampleSeconds,
  heldoutTeacherLoss: teacher.loss, heldoutTokens: teacher.tokens,
  heldoutTeacherLossNote: 'mean cross-entropy (nats/token) of the held-out continuations given their prefixes, '
    + 'teacher-forced through the teacher ONNX graph in onnxruntime-web (Node); EOS counted where the continuation has it',
  lossSeconds: (performance.now() - lossStarted) / 1000,
};
writeFileSync(join(args.out, 'teacher-heldout.json'), JSON.stringify(meta, null, 2) + '\n');
console.log(JSON.stringify(meta, null, 2));
