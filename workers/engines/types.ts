/** The one interface every engine implements (ORT decoder, ORT seq2seq, web-llm, built-in). */

export type Backend = 'webgpu' | 'wasm' | 'builtin';

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
}

export interface GenerateRequest {
  id: string;
  prompt: string;
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
  /** Prompt tokens dropped from the front to fit the context window (the BOS token is kept). */
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
}

export interface Engine {
  readonly info: EngineInfo;
  generate(request: GenerateRequest, signal?: AbortSignal): AsyncGenerator<TokenEvent, FinalEvent>;
  unload(): Promise<void>;
}
