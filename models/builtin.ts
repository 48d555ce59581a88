/**
 * Chrome's built-in model (Gemini Nano) through the Prompt API (`LanguageModel`, Chrome 138+ in extension pages,
 * workers and service workers). Chrome downloads and manages the model itself; we only ask whether it can run, start
 * its download from a click (Chrome requires a user gesture for that) and prompt it.
 */

/** What `LanguageModel.availability()` says, or 'absent' where the browser has no Prompt API. */
export type BuiltInAvailability = 'available' | 'downloadable' | 'downloading' | 'unavailable' | 'absent';

export interface LanguageModelParams {
  defaultTopK: number;
  maxTopK: number;
  defaultTemperature: number;
  maxTemperature: number;
}

export interface LanguageModelPrompt {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface LanguageModelCreateOptions {
  initialPrompts?: LanguageModelPrompt[];
  temperature?: number;
  topK?: number;
  signal?: AbortSignal;
  expectedInputs?: { type: 'text'; languages: string[] }[];
  expectedOutputs?: { type: 'text'; languages: string[] }[];
  monitor?: (monitor: EventTarget) => void;
}

/** The part of a Prompt API session we use (older Chrome names the quota `inputQuota`, newer `contextWindow`). */
export interface LanguageModelSession {
  promptStreaming(input: string, options?: { signal?: AbortSignal; responseConstraint?: unknown }): ReadableStream<string>;
  measureInputUsage?(input: string, options?: { signal?: AbortSignal }): Promise<number>;
  measureContextUsage?(input: string, options?: { signal?: AbortSignal }): Promise<number>;
  readonly inputQuota?: number;
  readonly contextWindow?: number;
  destroy(): void;
}

export interface LanguageModelApi {
  availability(options?: Pick<LanguageModelCreateOptions, 'expectedInputs' | 'expectedOutputs'>): Promise<string>;
  create(options?: LanguageModelCreateOptions): Promise<LanguageModelSession>;
  /** Extensions only: sampling limits; null where the model cannot run. */
  params?(): Promise<LanguageModelParams | null>;
}

/** English text in and out: what every Pocket SLM feature sends. */
export const TEXT_IO = {
  expectedInputs: [{ type: 'text' as const, languages: ['en'] }],
  expectedOutputs: [{ type: 'text' as const, languages: ['en'] }],
};

export function languageModelApi(scope: object = globalThis): LanguageModelApi | undefined {
  const api = (scope as { LanguageModel?: unknown }).LanguageModel as LanguageModelApi | undefined;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : undefined;
}

const KNOWN: readonly string[] = ['available', 'downloadable', 'downloading', 'unavailable'];

export async function builtInAvailability(api = languageModelApi()): Promise<BuiltInAvailability> {
  if (!api) return 'absent';
  try {
    const answer = await api.availability(TEXT_IO);
    return KNOWN.includes(answer) ? (answer as BuiltInAvailability) : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** Why the built-in model cannot run now, for the Models tab and errors; undefined when it can. */
export function builtInReason(availability: BuiltInAvailability): string | undefined {
  switch (availability) {
    case 'available': return undefined;
    case 'absent': return 'this browser has no built-in model (Chrome\'s Prompt API, Chrome 138+ on desktop)';
    case 'unavailable': return 'Chrome cannot run its built-in model on this device (see chrome://on-device-internals for why)';
    case 'downloadable': return 'Chrome has not downloaded its built-in model yet: start the download in the Models tab';
    case 'downloading': return 'Chrome is still downloading its built-in model';
  }
}

/**
 * Asks Chrome to download its model, reporting progress (0…1), then closes the session it had to open for that.
 * Must run from a click in an extension page: Chrome refuses to start a download without a user gesture.
 */
export async function downloadBuiltIn(onProgress: (fraction: number) => void, api = languageModelApi()): Promise<void> {
  if (!api) throw new Error(builtInReason('absent'));
  const session = await api.create({
    ...TEXT_IO,
    monitor(monitor) {
      monitor.addEventListener('downloadprogress', (event) => onProgress(Number((event as Event & { loaded?: number }).loaded ?? 0)));
    },
  });
  session.destroy();
  onProgress(1);
}
