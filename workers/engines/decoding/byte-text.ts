/**
 * The text the output constraints work on: UTF-8 bytes, ASCII as itself and every byte from 0x80 as one CJK ideograph
 * (U+4E00 + byte − 0x80: a letter with no case and no decomposition, valid in identifiers). A character split over
 * several tokens ("ë" as two byte tokens that each decode to U+FFFD alone) is then written byte by byte and matched
 * exactly against the task, the names and the options, which are mapped the same way. Lowercasing and NFKD leave the
 * mapped bytes alone.
 */
import type { OutputConstraint } from '../types.ts';

const HIGH = 0x4e00 - 0x80;
const encoder = new TextEncoder();

export function bytesAsText(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b < 0x80 ? b : HIGH + b);
  return out;
}

/** `text` in the constraints' byte form (ASCII unchanged). */
export function byteText(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : bytesAsText(encoder.encode(text));
}

/**
 * Each token id's text in byte form: what it adds after a plain letter token (SentencePiece decoders drop a leading
 * space at the start of a decode, so a token decoded alone can lose it), or its raw bytes where it is only part of a
 * character.
 */
export function bytePieces(tokenizer: { decode(ids: number[]): string; tokenBytes?(id: number): Uint8Array | undefined }, vocabSize: number): string[] {
  const alone = Array.from({ length: vocabSize }, (_, id) => tokenizer.decode([id]));
  const letter = alone.findIndex((text) => /^[a-z]$/.test(text));
  return alone.map((text, id) => {
    const bytes = text.includes('\uFFFD') ? tokenizer.tokenBytes?.(id) : undefined;
    if (bytes) return bytesAsText(bytes);
    if (letter >= 0 && text !== '') {
      const after = tokenizer.decode([letter, id]);
      if (after.startsWith(alone[letter]!) && !after.includes('\uFFFD')) return byteText(after.slice(alone[letter]!.length));
    }
    return byteText(text);
  });
}

const mapRecord = <T>(record: Record<string, T>, value: (v: T) => T): Record<string, T> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [byteText(k), value(v)]));

/** A request's constraint with every name, literal source, option and task text in byte form. */
export function byteConstraint(constraint: OutputConstraint): OutputConstraint {
  const list = (values: readonly string[]) => values.map(byteText);
  const { names, literals, api, preferNames } = constraint;
  return {
    ...constraint,
    ...(names ? { names: list(names) } : {}),
    ...(literals ? { literals: list(literals) } : {}),
    ...(preferNames ? { preferNames: { ...preferNames, text: byteText(preferNames.text) } } : {}),
    ...(api ? {
      api: {
        lists: mapRecord(api.lists, list),
        elements: list(api.elements),
        ...(api.kinds ? { kinds: mapRecord(api.kinds, (kind) => kind) } : {}),
        ...(api.options ? { options: mapRecord(api.options, list) } : {}),
        ...(api.leaveOut ? { leaveOut: [...api.leaveOut] } : {}),
      },
    } : {}),
  };
}
