import { PocketError } from '../protocol/errors.ts';
import { errorDetail, errorHeadline } from './error-text.ts';

/** A named error as the user sees it: a plain headline for what failed, then why (the class name in the markup). */
export function ErrorNotice({ error }: { error: unknown }) {
  const name = error instanceof PocketError ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  const position = error instanceof PocketError ? (error as PocketError & { data?: { line?: unknown; column?: unknown } }).data : undefined;
  return (
    <div role="alert" class="error" data-error-name={name}>
      <strong>{errorHeadline(name)}</strong>: {errorDetail({
        name,
        message,
        line: typeof position?.line === 'number' ? position.line : undefined,
        column: typeof position?.column === 'number' ? position.column : undefined,
      })}
    </div>
  );
}
