import exemplarFile from './data/gsm8k-train-exemplars.json';

/**
 * Prompts for the three ways of asking: direct (just the number), chain-of-thought (few-shot worked solutions from
 * GSM8K train, bundled with its MIT licence in ./data) and program-of-thought (few-shot programs in our JavaScript
 * subset that end with answer(x)). Plain text for base models, a chat for models with a chat template.
 */

export type Method = 'direct' | 'cot' | 'pot';

export const METHOD_LABELS: Record<Method, string> = {
  direct: 'Direct answer',
  cot: 'Chain of thought',
  pot: 'Program of thought',
};

export interface Exemplar {
  line: number;
  question: string;
  answer: string;
}

export const EXEMPLARS: readonly Exemplar[] = (exemplarFile as { exemplars: Exemplar[] }).exemplars;

/** Our own programs for the first exemplars (same questions, same answers as GSM8K's solutions). */
const PROGRAMS: Record<number, string> = {
  0: 'const april = 48;\nconst may = april / 2;\nanswer(april + may);',
  1: 'const perMinute = 12 / 60;\nanswer(perMinute * 50);',
  4: 'const pagesPerLetter = 3;\nconst friends = 2;\nconst timesPerWeek = 2;\nconst perWeek = pagesPerLetter * friends * timesPerWeek;\nanswer(perWeek * 52);',
  12: 'const mango = 60;\nconst coconut = mango / 2 - 5;\nanswer(mango + coconut);',
  47: 'const firstPart = 60 / 5;\nconst rest = (90 - 60) / 10;\nanswer(firstPart + rest);',
};

export const MAX_PROBLEM_CHARS = 1_500;

export function finalNumber(solution: string): string {
  return /####\s*(.+)\s*$/.exec(solution)?.[1]?.trim() ?? '';
}

/** A GSM8K solution as a chain of thought: calculator annotations removed, "#### n" → "The answer is n." */
export function chainOfThought(solution: string): string {
  const steps = solution.replace(/<<[^<>]*>>/g, '').replace(/\n?####.*$/s, '').trim();
  return `${steps.replace(/\n/g, ' ')} The answer is ${finalNumber(solution)}.`;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface BuiltPrompt {
  /** Plain-text prompt (base models). */
  prompt: string;
  /** The same as a chat (instruction models). */
  messages: ChatTurn[];
  /** Stop sequences, for plain prompts only: the model starting the next question (or closing its program). */
  stop: string[];
  /** Text the plain prompt already opened for the model (the code fence), to put back before extraction. */
  opened: string;
}

const INSTRUCTIONS: Record<Method, string> = {
  direct: 'Answer each math problem with the final number only.',
  cot: 'Solve each math problem. Think step by step, then end with "The answer is N."',
  pot: 'Solve each math problem by writing a short JavaScript program. Use const, let, + - * / %, Math, loops and '
    + 'functions; no imports, no DOM. End the program with answer(result).',
};

function shotsFor(method: Method, shots: number): Exemplar[] {
  const pool = method === 'pot' ? EXEMPLARS.filter((e) => PROGRAMS[e.line] !== undefined) : EXEMPLARS;
  return pool.slice(0, Math.max(0, Math.min(shots, pool.length)));
}

function reply(method: Method, exemplar: Exemplar): string {
  if (method === 'direct') return finalNumber(exemplar.answer);
  if (method === 'cot') return `Let's think step by step. ${chainOfThought(exemplar.answer)}`;
  return `\`\`\`js\n${PROGRAMS[exemplar.line]}\n\`\`\``;
}

const cue: Record<Method, string> = { direct: 'Answer:', cot: 'Answer:', pot: 'Program:' };

export function buildPrompt(method: Method, problem: string, shots: number): BuiltPrompt {
  const examples = shotsFor(method, shots);
  const block = (question: string, answer: string) => `Question: ${question}\n${cue[method]} ${answer}`;
  const opened = method === 'pot' ? '```js\n' : method === 'cot' ? "Let's think step by step." : '';
  const prompt = [
    INSTRUCTIONS[method],
    ...examples.map((e) => block(e.question, reply(method, e))),
    `Question: ${problem}\n${cue[method]} ${opened}`,
  ].join('\n\n');
  const messages: ChatTurn[] = [{ role: 'system', content: INSTRUCTIONS[method] }];
  for (const e of examples) messages.push({ role: 'user', content: e.question }, { role: 'assistant', content: reply(method, e) });
  messages.push({ role: 'user', content: problem });
  const stop = ['\nQuestion:', ...(method === 'pot' ? ['```'] : [])];
  return { prompt, messages, stop, opened };
}

export interface PreparedProblem {
  text: string;
  truncated: boolean;
  originalLength: number;
}

/**
 * Trims the problem and cuts a very long one to about MAX_PROBLEM_CHARS (the panel says so): its beginning (the
 * setting) and its end (where the question usually is), whole words, with " … " where the middle was.
 */
export function prepareProblem(raw: string): PreparedProblem {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text.length <= MAX_PROBLEM_CHARS) return { text, truncated: false, originalLength: text.length };
  const half = Math.floor((MAX_PROBLEM_CHARS - 3) / 2);
  // Cut at a space near the cut, where there is one (not in a text without spaces: Chinese, a long number).
  const head = text.slice(0, half).replace(/\s+\S{0,40}$/, '');
  const tail = text.slice(-half).replace(/^\S{0,40}\s+/, '');
  return { text: `${head} … ${tail}`, truncated: true, originalLength: text.length };
}

/** A problem without any number or number word is probably not arithmetic (the panel warns, and still tries). */
export function looksNumeric(problem: string): boolean {
  return /\d/.test(problem) || /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|half|twice|double|triple)\b/i.test(problem);
}
