// Step 3a of `npm run train:encdec`: tokenizes the reference prompts with the teacher's tokenizer.json through
// @huggingface/tokenizers (the library the extension uses), so the torch reference in export_encdec.py starts from
// exactly the ids the engine will feed its encoder. Writes <out>/prompts.json.
//
//   node models/training/prompts.mjs [--teacher ../shared/models/TinyStories-656K] [--out .cache/encdec]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Tokenizer } from '@huggingface/tokenizers';

const root = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    teacher: { type: 'string', default: resolve(root, '../shared/models/TinyStories-656K') },
    out: { type: 'string', default: join(root, '.cache/encdec') },
  },
});
export const PROMPTS = [
  'Once upon a time, there was a little girl named Lily.',
  'One day, a big dog found a red ball in the park.',
  'Tom and his mom went to the store to buy',
  'The sun was shining and the birds were singing. Sam wanted to',
];
const files = ['tokenizer.json', 'tokenizer_config.json'].map((f) => join(args.teacher, 'original', f));
const missing = files.filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`prompts: the teacher's tokenizer files are missing:\n  ${missing.join('\n  ')}`);
  process.exit(2);
}
const [tokenizerJson, tokenizerConfig] = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
const prompts = PROMPTS.map((text) => ({ text, input_ids: tokenizer.encode(text, { add_special_tokens: true }).ids }));
mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'prompts.json'), JSON.stringify({ prompts }, null, 2) + '\n');
console.log(prompts.map((p) => `${p.input_ids.length} ids: ${p.text}`).join('\n'));
