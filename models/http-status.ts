/** What an HTTP error status means for the person downloading or adding a model, and what they can do. */
export function statusWords(status: number): string {
  if (status === 401 || status === 403) return ' (not allowed: the file may need a sign-in or an access token, or the address is wrong)';
  if (status === 404 || status === 410) return ' (not found: check the address and the file name)';
  if (status === 416) return ' (the file on the server is shorter than expected: it may be empty, or have changed)';
  if (status === 429) return ' (too many requests: wait a while, then download again)';
  if (status >= 500) return ' (a server error: try again later)';
  return '';
}
