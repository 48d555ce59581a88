import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG, type ProbeConfig, type ProbeRunDoc } from '../../../extension/features/probes/config.ts';
import { buildMessages, buildPrompt, judgeMessages, questionText, systemInstruction } from '../../../extension/features/probes/prompts.ts';
import { executeRun, type Generate, type ProbeStore } from '../../../extension/features/probes/runner.ts';
import { loadSuite } from '../../../extension/features/probes/suites.ts';
import type { ProbeItemRow, ProbeRunRow } from '../../../extension/storage/db.ts';
import { ChatFormatter } from '../../../workers/engines/chat-template.ts';

const chatConfig = JSON.parse(readFileSync(new URL('../../fixtures/probes/chat-tokenizer_config.json', import.meta.url), 'utf8')) as { chat_template: string };

describe('chat prompts for chat models', () => {
  const bbh = loadSuite('bbh-boolean_expressions');
  const item = bbh.items[0]!;

  test('direct: a system instruction, then the item as the only user turn', () => {
    expect(buildMessages(bbh, item, 'direct')).toEqual([
      { role: 'system', content: 'Answer the question. Reply with the answer only. The answer is a word or a short phrase, exactly as asked.' },
      { role: 'user', content: item.question },
    ]);
    expect(systemInstruction('choice', 'cot')).toBe('Answer the question. Think step by step, then end with "So the answer is X." The answer is the letter of the right option, like (B).');
  });

  test('few-shot: exemplars as alternating user/assistant turns (answers only, or reasoning for CoT), the item last', () => {
    const fewshot = buildMessages(bbh, item, 'fewshot');
    expect(fewshot.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(fewshot[2]!.content).toMatch(/^(True|False)$/);
    expect(fewshot.at(-1)!.content).toBe(item.question);
    // The exemplars are the same ones the completion prompt uses.
    const plain = buildPrompt(bbh, item, 'fewshot');
    for (const turn of fewshot.slice(1, -1)) expect(plain).toContain(turn.content);
    const cot = buildMessages(bbh, item, 'fewshot-cot');
    expect(cot.filter((m) => m.role === 'assistant').every((m) => m.content.startsWith("Let's think step by step.") && /So the answer is/.test(m.content))).toBe(true);
    expect(cot[0]!.content).toMatch(/Think step by step/);
    const arc = loadSuite('arc-easy');
    expect(buildMessages(arc, arc.items[0]!, 'direct').at(-1)!.content).toBe(questionText(arc.items[0]!));
  });

  test('the model\'s chat template turns them into its own prompt format', () => {
    const text = new ChatFormatter(chatConfig).render(buildMessages(bbh, item, 'fewshot'));
    expect(text.startsWith('<|im_start|>system\nAnswer the question.')).toBe(true);
    expect(text.match(/<\|im_start\|>user\n/g)).toHaveLength(4);
    expect(text.match(/<\|im_start\|>assistant\n/g)).toHaveLength(4); // three exemplar answers and the generation prompt
    expect(text.endsWith(`<|im_start|>user\n${item.question}<|im_end|>\n<|im_start|>assistant\n`)).toBe(true);
    expect(text).not.toContain('Q: ');
  });

  test('judge: grading instruction as system turn, the case as user turn', () => {
    const [system, user] = judgeMessages(item, ' False ');
    expect(system).toEqual({ role: 'system', content: 'You are grading an answer. Reply yes or no.' });
    expect(user!.content).toBe(`Question: ${item.question}\nReference answer: ${item.answer}\nStudent answer: False\nIs the student answer correct?`);
  });

  test('a run sends chat turns to chat models (and a chat judge), plain completion prompts to base models', async () => {
    const runs = new Map<string, ProbeRunRow>();
    const items = new Map<string, ProbeItemRow>();
    const store: ProbeStore = {
      getRun: async (id) => runs.get(id),
      putRun: async (row) => void runs.set(row.id, structuredClone(row)),
      doneKeys: async () => new Set(items.keys()),
      putItem: async (row) => void items.set(row.itemKey, row),
    };
    const config: ProbeConfig = { ...DEFAULT_CONFIG, models: ['base', 'chatty'], suites: ['bbh-boolean_expressions'], n: 2, repeats: 1, judge: 'chatty' };
    const doc: ProbeRunDoc = { config, total: 0, done: 0, etaS: null, skipped: [], startedAt: 0, updatedAt: 0 };
    await store.putRun({ id: 'r', status: 'queued', config: doc, createdAt: 0 });
    const calls: Parameters<Generate>[0][] = [];
    const generate: Generate = async (request) => {
      calls.push(request);
      return request.messages?.[0]?.content.startsWith('You are grading') ? ' yes' : ' True';
    };
    expect(await executeRun('r', store, generate, new AbortController().signal, { chatModels: new Set(['chatty']) })).toBe('done');
    const answers = calls.filter((c) => !c.messages?.[0]?.content.startsWith('You are grading') && !c.prompt.includes('Verdict:'));
    expect(answers.filter((c) => c.model === 'base').every((c) => c.prompt.startsWith('Q: ') && c.messages === undefined && c.stop.includes('\nQ:'))).toBe(true);
    expect(answers.filter((c) => c.model === 'chatty').every((c) => c.prompt === '' && c.messages?.[0]?.role === 'system' && c.stop.length === 0)).toBe(true);
    expect(answers.map((c) => c.model).sort()).toEqual(['base', 'base', 'chatty', 'chatty']);
    const judged = calls.filter((c) => c.messages?.[0]?.content.startsWith('You are grading'));
    expect(judged).toHaveLength(4);
    expect(calls.some((c) => c.prompt.includes('Verdict:'))).toBe(false);
  });
});
