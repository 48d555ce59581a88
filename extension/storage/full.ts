import { QuotaError } from '../protocol/errors.ts';

/**
 * The browser refused a write for lack of space: OPFS and IndexedDB say QuotaExceededError, Dexie keeps that name or
 * wraps it (`inner`) in the error of the transaction it aborted.
 */
export function isStorageFull(error: unknown): boolean {
  const named = (value: unknown) => (value as { name?: unknown } | null)?.name === 'QuotaExceededError';
  return named(error) || named((error as { inner?: unknown } | null)?.inner);
}

/** Runs a storage write; a full disk comes back as a QuotaError the UI can explain, not an internal error. */
export async function writing<T>(write: () => Promise<T>, what: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isStorageFull(error)) throw new QuotaError(`the browser has no room left to save ${what}: free some space (delete a downloaded model) and try again`);
    throw error;
  }
}
