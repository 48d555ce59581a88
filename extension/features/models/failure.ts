import { errorHeadline } from '../../ui/error-text.ts';

/** What a failed download row says and offers (ModelsPanel), from its stored error and whether the user added it. */
export interface FailureAdvice {
  headline: string;
  /** The message to show after the headline, where it differs from the stored one (a part the headline says already). */
  detail?: string;
  /** What to do, after the message (empty when the message says it). */
  hint: string;
  /** 'resume': what was written helps the next try; 'again': another try may help; null: it cannot (only Remove/Delete). */
  retry: 'resume' | 'again' | null;
}

/**
 * Messages the download manager and service write (models/downloads/), by what they mean for a next try:
 * - the sha256 typed in the form does not match what the server sends: the same bytes come again;
 * - a file arrived whole but is not what it claims (an HTML page, a blob page): the address is wrong;
 * - the files are whole but the engine does not run them (a weights file missing, another layout);
 * - the server's size is not the one listed (changed upstream);
 * - a web page came instead of the file (a sign-in page, a captive portal): another try may get through.
 */
const CHECKSUM = /failed verification twice \(sha256 mismatch\)/;
const NOT_WHAT_IT_CLAIMS = /arrived whole but .*(remove this model and add it again)/s;
const DOES_NOT_RUN = /its files arrived whole, but ".*" does not run here/s;
const CHANGED_UPSTREAM = /bytes on the server, not the \d+ expected/;
const WEB_PAGE = /answered with a web page \(text\/html\), not a model file|arrived whole but .*the server sent something else/s;

export function failureAdvice(error: { name?: string | undefined; message?: string | undefined } | undefined, custom: boolean, bytesKept: number): FailureAdvice {
  const name = error?.name;
  const message = error?.message ?? '';
  if (name === 'IntegrityError' && CHANGED_UPSTREAM.test(message)) {
    return custom
      ? { headline: 'The file changed on the server', hint: 'Remove this model and add it again: the form reads the sizes the server has now.', retry: null }
      : { headline: 'The file changed on the server', hint: 'This version\'s catalogue lists the file as it was; another try fetches the same.', retry: 'again' };
  }
  if (name === 'IntegrityError' && CHECKSUM.test(message)) {
    return custom
      ? { headline: 'The checksum does not match', hint: 'The server sent the same bytes twice, so the sha256 given in the file list may be wrong (or the file changed): remove this model and add it again with the right checksum, or none.', retry: null }
      : { headline: errorHeadline(name), hint: '', retry: 'again' };
  }
  if (name === 'IntegrityError' && WEB_PAGE.test(message)) {
    return { headline: 'Not a model file', hint: 'If this network asks you to sign in, do that in a tab, then try again.', retry: bytesKept > 0 ? 'resume' : 'again' };
  }
  if (custom && NOT_WHAT_IT_CLAIMS.test(message)) return { headline: 'Not a model file', hint: '', retry: null };
  const doesNotRun = DOES_NOT_RUN.exec(message);
  if (custom && doesNotRun) {
    // The headline says "does not run here": the message goes on from the engine's reason, not saying it again.
    return { headline: 'Downloaded, but it does not run here', detail: message.slice(doesNotRun.index + doesNotRun[0].length).replace(/^:\s*/, ''),
      hint: 'Remove this model and add it again with the files it needs.', retry: null };
  }
  return { headline: errorHeadline(name), hint: '', retry: bytesKept > 0 ? 'resume' : 'again' };
}
