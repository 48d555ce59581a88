import { ModelHostError, QuotaError, type PocketError } from '../protocol/errors.ts';

/** What went wrong, as a line: "QuotaExceededError: …". */
export const describeError = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * A run the host could not store when it started (it could never be shown, so it stops): a full disk is a
 * QuotaError the user can act on, anything else a ModelHostError. `what`: "the math run", "the story".
 */
export function notStoredError(what: string, error: unknown): PocketError {
  const why = describeError(error);
  if (/quota/i.test(why)) return new QuotaError(`${what} could not be stored (${why}); free some space and try again`);
  return new ModelHostError(`${what} could not be stored (${why})`);
}
