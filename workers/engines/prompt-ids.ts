import { IntegrityError, ValidationError } from '../../extension/protocol/errors.ts';

/** onnxruntime would fail deep inside (an empty input, an embedding row that does not exist): say what is wrong. */
export function checkPromptIds(ids: readonly number[], vocabSize: number): void {
  if (ids.length === 0) {
    throw new ValidationError('the prompt is empty after the chat template and the tokenizer: there is nothing for the model to continue');
  }
  const outside = ids.find((id) => id < 0 || id >= vocabSize);
  if (outside !== undefined) {
    throw new IntegrityError(`tokenizer.json gives the token id ${outside}, but config.json's vocabulary has ${vocabSize} entries: the model's files do not belong together`,
      { file: 'tokenizer.json', expectedSha256: null, actualSha256: null, expectedBytes: null, actualBytes: null });
  }
}

/**
 * A token covers at least one character and rarely more than 16, so a context of N tokens never needs more than the
 * last (decoder) or first (encoder) 16·N characters. Tokenizing only those keeps a huge prompt from blocking the
 * worker (Stop included) for minutes; the tokens fitted to the context are the same unless they average 16+ characters.
 */
export const CHARS_PER_TOKEN_MAX = 16;

export interface PromptCut {
  text: string;
  cutChars: number;
}

/** A decoder keeps the end of a long prompt (fitContext drops the front). */
export function promptTail(prompt: string, contextLength: number): PromptCut {
  const limit = contextLength * CHARS_PER_TOKEN_MAX;
  if (prompt.length <= limit) return { text: prompt, cutChars: 0 };
  let start = prompt.length - limit;
  // Not between the two halves of a surrogate pair.
  if (/[\uDC00-\uDFFF]/.test(prompt[start]!)) start += 1;
  return { text: prompt.slice(start), cutChars: start };
}

/** An encoder keeps the start of a long input (fitEncoderInput drops the end). */
export function promptHead(prompt: string, contextLength: number): PromptCut {
  const limit = contextLength * CHARS_PER_TOKEN_MAX;
  if (prompt.length <= limit) return { text: prompt, cutChars: 0 };
  let end = limit;
  if (/[\uDC00-\uDFFF]/.test(prompt[end]!)) end -= 1;
  return { text: prompt.slice(0, end), cutChars: prompt.length - end };
}

/** The tokens in the characters cut before tokenizing, estimated at the rate of the part that was tokenized. */
export function estimateCutTokens(cut: PromptCut, tokens: number): number {
  if (!cut.cutChars) return 0;
  return Math.round(cut.cutChars * (tokens / Math.max(1, cut.text.length)));
}
