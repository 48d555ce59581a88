/**
 * What the page says since the run's last action that it did not say before it: a message new or changed (an alert
 * "Please enter your name", a status line), a field it now marks invalid, with the page's words for why. A name the
 * script then cannot find ("Next" refused to go on, so step 2's field is not there) is reported with it: the repair
 * sees why the page stayed (explorer, session 41: only the NotFound of step 2's name).
 */
import type { ElementEntry, ListEntry, PageDocument } from '../../protocol/schemas.ts';

const MAX_NEWS = 3;
const MAX_WORDS = 160;

const entriesOf = (doc: PageDocument): (ElementEntry | ListEntry)[] => doc.sections.flatMap((section) => section.entries);

export function pageNews(before: PageDocument, now: PageDocument): string[] {
  // Another page (the action went somewhere): what it shows is no answer to the action.
  if (before.pageId && now.pageId && before.pageId !== now.pageId) return [];
  const was = new Map(entriesOf(before).map((entry) => [entry.name, entry] as const));
  const said: string[] = [];
  const marked: string[] = [];
  for (const entry of entriesOf(now)) {
    if (entry.kind === 'list') continue;
    const old = was.get(entry.name);
    const prior = old && old.kind !== 'list' ? old : undefined;
    if (entry.kind === 'message') {
      const text = entry.description.trim();
      // A line that only counts on ("Last synced 3 s ago", "12 users online") says nothing of the action.
      if (text && (!prior || withoutDigits(text) !== withoutDigits(prior.description.trim()))) said.push(JSON.stringify(text.slice(0, MAX_WORDS)));
    } else if (entry.state?.invalid && (!prior?.state?.invalid || prior.state.error !== entry.state.error)) {
      marked.push(`\`$${entry.name}\` marked invalid${entry.state.error ? ` (${JSON.stringify(entry.state.error.slice(0, MAX_WORDS))})` : ''}`);
    }
  }
  // The fields it marks first (they say what to fix), then what it says.
  return [...marked, ...said].slice(0, MAX_NEWS);
}

const withoutDigits = (text: string): string => text.replace(/\d+/g, '#');

/** `message` with what the page says (`news`), as a NotFound's message ends. */
export function withNews(message: string, news: readonly string[]): string {
  return news.length ? `${message}; after the last action the page says ${news.join(', ')}` : message;
}
