// Regenerates suites.json from ../shared/data (run: node extension/features/probes/data/make-data.mjs).
// Small samples: the first N records of each source file (deterministic), plus the BBH CoT prompts of the chosen tasks.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = import.meta.dirname;
const data = resolve(here, '../../../../../shared/data');
const N = 20;
const jsonl = (file) => readFileSync(join(data, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const letters = 'ABCDEFGHIJ';
const suites = {};

const gsm = jsonl('gsm8k/test.jsonl').slice(0, N);
// GSM-Hard is not in GSM8K's order and lacks some problems: a GSM8K item's twin is the GSM-Hard problem with the same
// text once numbers (digits and number words) are taken out, kept when its gold is sensible for the same story.
const NUMBER = /\$?-?\d[\d,]*(\.\d+)?|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|half|twice|double|triple)\b/gi;
const shape = (text) => text.replace(NUMBER, '#').replace(/\s+/g, ' ').trim().toLowerCase();
const allHard = jsonl('gsm-hard/gsmhardv2.jsonl');
const hardByShape = new Map();
for (const r of allHard) if (!hardByShape.has(shape(r.input))) hardByShape.set(shape(r.input), r);
const sensible = (gold, target) => Number.isFinite(target) && Math.sign(target) === Math.sign(gold)
  && (!Number.isInteger(gold) || Number.isInteger(target));
suites.gsm8k = { answerType: 'number', license: 'LICENSE-gsm8k', items: gsm.map((r, i) => {
  const answer = /####\s*(.+)$/.exec(r.answer)[1].replace(/,/g, '').trim();
  const twin = hardByShape.get(shape(r.question));
  const large = twin && twin.input !== r.question && sensible(Number(answer), twin.target) ? { question: twin.input, answer: String(twin.target) } : undefined;
  return { id: `gsm8k-${i}`, question: r.question, answer, ...(large ? { large } : {}) };
}) };
const hard = allHard.slice(0, N);
suites['gsm-hard'] = { answerType: 'number', license: 'LICENSE-gsm-hard', items: hard.map((r, i) => ({ id: `gsm-hard-${i}`, question: r.input, answer: String(r.target) })) };
const svamp = jsonl('svamp/svamp.jsonl').slice(0, N);
suites.svamp = { answerType: 'number', license: 'LICENSE-svamp', items: svamp.map((r) => ({ id: r.ID, question: `${r.Body.trim()} ${r.Question.trim()}`, answer: String(r.Answer) })) };
for (const name of ['arc-easy', 'arc-challenge']) {
  const rows = jsonl(`${name}/${name.replace('-', '_')}.jsonl`).slice(0, N);
  suites[name] = { answerType: 'choice', license: 'LICENSE-arc', items: rows.map((r, i) => ({ id: `${name}-${i}`, question: r.query.replace(/^Question:\s*/, ''), choices: r.choices, answer: letters[r.gold] })) };
}
const csqa = jsonl('commonsense-qa/commonsense_qa.jsonl').slice(0, N);
suites.csqa = { answerType: 'choice', license: 'LICENSE-csqa', items: csqa.map((r, i) => {
  const [, question, block] = /^Question:\s*([\s\S]*?)\nChoices:\n([\s\S]*?)\nAnswer:\s*$/.exec(r.query);
  return { id: `csqa-${i}`, question, choices: block.split('\n').map((l) => l.replace(/^[A-Z]\.\s*/, '')), answer: letters[r.gold] };
}) };
const bbh = { boolean_expressions: 'exact', date_understanding: 'choice', logical_deduction_three_objects: 'choice', word_sorting: 'list', multistep_arithmetic_two: 'number', object_counting: 'number' };
for (const [task, answerType] of Object.entries(bbh)) {
  const rows = JSON.parse(readFileSync(join(data, `bbh/bbh/${task}.json`), 'utf8')).examples.slice(0, N);
  const cot = readFileSync(join(data, `bbh/cot-prompts/${task}.txt`), 'utf8').split('-----').slice(1).join('-----').trim();
  suites[`bbh-${task}`] = { answerType, license: 'LICENSE-bbh', cotPrompt: cot, items: rows.map((r, i) => ({ id: `bbh-${task}-${i}`, question: r.input, answer: answerType === 'choice' ? r.target.replace(/[()]/g, '') : r.target })) };
}
writeFileSync(join(here, 'suites.json'), JSON.stringify(suites));
for (const [from, to] of [['gsm8k', 'gsm8k'], ['gsm-hard', 'gsm-hard'], ['svamp', 'svamp'], ['arc-easy', 'arc'], ['commonsense-qa', 'csqa'], ['bbh', 'bbh']]) {
  copyFileSync(join(data, from, 'LICENSE'), join(here, `LICENSE-${to}`));
}
