/** The one interface every engine implements (ORT decoder, ORT seq2seq, web-llm, built-in). */

/** `replay` is the canned-answer engine (tests, demos), not a model. */
export type Backend = 'webgpu' | 'wasm' | 'builtin' | 'replay';

export interface GenerateParams {
  maxTokens: number;
  /** 0 means greedy. */
  temperature: number;
  /** 0 or undefined: no top-k cut. */
  topK?: number | undefined;
  /** 1 or undefined: no nucleus cut. */
  topP?: number | undefined;
  /** 1 or undefined: none. CTRL-style: positive logits divided, negative multiplied. */
  repetitionPenalty?: number | undefined;
  seed?: number | undefined;
  stop?: string[] | undefined;
  /** Stop at the model's end-of-sequence token (default true). Golden tests turn it off. */
  stopAtEos?: boolean | undefined;
  /**
   * Which part of an over-long prompt an encoder drops: its start (default: what is written follows the end — a
   * story's opening, a script writer's task, a question) or its end, as Hugging Face's encoders do (parity tests).
   * Decoder-only engines always drop the start.
   */
  dropFrom?: 'start' | 'end' | undefined;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Constrained output, where an engine offers it (EngineInfo.constraints says which). */
export interface OutputConstraint {
  /** A JSON Schema as JSON text. */
  jsonSchema?: string | undefined;
  /** An EBNF grammar (web-llm's dialect). */
  grammar?: string | undefined;
  /** Script output whose `$name` references may only be these names (the page document's), without `$`. */
  names?: string[] | undefined;
  /** With `names`: which names are lists (and their item fields) and which are elements, so members are held too. */
  api?: { lists: Record<string, string[]>; elements: string[]; kinds?: Record<string, string> | undefined;
    /** Select name → all its options: with `literals`, `$name.select("…")` takes one of them. */
    options?: Record<string, string[]> | undefined;
    /** Element methods the model may not write (name-constraint.ts). */
    leaveOut?: string[] | undefined; } | undefined;
  /** Script output whose quoted string literals must be copied from one of these texts (the task, the page). */
  literals?: string[] | undefined;
  /** With `names`: a name that shares words with this text (the task) gets `weight` added to its tokens' logits per
   * shared word, where the name is being written (a lexical prior, not a constraint); with `literals` too, a quoted
   * string whose first word is a word of a name loses `weight` (the task words that name elements are rarely values).
   * `order`: a top-level statement's name other than the next one the text mentions by label loses `order`. */
  preferNames?: { text: string; weight: number; order?: number | undefined } | undefined;
  /** 'script': the output stays a viable prefix of a valid script and ends only on a whole one. */
  syntax?: 'script' | undefined;
}

export type ConstraintKind = 'json-schema' | 'grammar' | 'names' | 'literals' | 'syntax';

/** The constraint kinds a request asks for. */
export function constraintKinds(constraint: OutputConstraint | undefined): ConstraintKind[] {
  if (!constraint) return [];
  return [
    ...(constraint.jsonSchema !== undefined ? ['json-schema' as const] : []),
    ...(constraint.grammar !== undefined ? ['grammar' as const] : []),
    ...(constraint.names !== undefined ? ['names' as const] : []),
    ...(constraint.literals !== undefined ? ['literals' as const] : []),
    ...(constraint.syntax !== undefined ? ['syntax' as const] : []),
  ];
}

export interface GenerateRequest {
  id: string;
  /** Plain text for the model. With `messages`, engines that template chats themselves (web-llm) use those instead. */
  prompt: string;
  messages?: ChatMessage[] | undefined;
  /** The prompt already carries the model's special tokens (a rendered chat template): encode it without adding them. */
  promptHasSpecialTokens?: boolean | undefined;
  constraint?: OutputConstraint | undefined;
  params: GenerateParams;
}

export interface GenerationStats {
  backend: Backend;
  /** From the request to the first generated token (tokenization + prefill + first selection). */
  ttftMs: number;
  prefillTokS: number;
  decodeTokS: number;
  tokensIn: number;
  tokensOut: number;
  totalMs: number;
  /** Prompt tokens dropped to fit the context window: decoders drop the front (BOS kept), encoders the end of the content. */
  promptTokensDropped: number;
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'error';

export interface TokenEvent {
  type: 'token';
  /** New text since the last event (may be empty while a multi-byte character or a stop string is pending). */
  text: string;
  tokenId: number;
}

export interface FinalEvent {
  type: 'final';
  text: string;
  tokenIds: number[];
  finishReason: FinishReason;
  stats: GenerationStats;
}

export interface EngineInfo {
  modelId: string;
  backend: Backend;
  /** Why the engine is not on WebGPU, when it is not. */
  fallbackReason?: string | undefined;
  contextLength: number;
  loadMs: number;
  /** Output constraints the engine enforces while decoding; absent means none. */
  constraints?: ConstraintKind[] | undefined;
  /** How the model's graph runs, when the engine rewrote it (e.g. fused attention), or why it did not. */
  graph?: string | undefined;
}

export interface Engine {
  readonly info: EngineInfo;
  generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent>;
  unload(): Promise<void>;
}
