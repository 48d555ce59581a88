import { PocketError } from '../protocol/errors.ts';

/** A named error as the user sees it: what failed (the error's class) and why. */
export function ErrorNotice({ error }: { error: unknown }) {
  const name = error instanceof PocketError ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" class="error" data-error-name={name}>
      <strong>{name}</strong>: {message}
    </div>
  );
}
