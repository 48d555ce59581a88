import type { SavedStory } from './library.ts';
import { STAT_COLUMNS } from './stats.ts';

const fmt = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

/** One Markdown document: a section per story with its prompt, writer, parameters, statistics and text. */
export function storiesToMarkdown(stories: SavedStory[]): string {
  const parts = ['# Pocket SLM stories', ''];
  for (const story of stories) {
    parts.push(`## Story ${story.id ?? ''} · ${story.writer}${story.stopped ? ' (stopped)' : ''}`.trimEnd(), '');
    parts.push(`- Prompt: ${story.prompt.replace(/\s+/g, ' ')}`);
    parts.push(`- Written: ${new Date(story.createdAt).toISOString()}`);
    if (story.seed !== null) parts.push(`- Seed: ${story.seed}`);
    const params = Object.entries(story.params).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    if (params) parts.push(`- Parameters: ${params}`);
    parts.push(`- Statistics: ${STAT_COLUMNS.map((c) => `${c.label} ${fmt(story.stats[c.key], c.digits)}`).join('; ')}`, '');
    // Story text is text: a line of it that Markdown would read as a heading or a rule (a model writing "## Story 9",
    // "---") is escaped, so it cannot pose as another story's section.
    parts.push(story.text.trim().replace(/^(\s{0,3})(#{1,6}(?:\s|$)|[-=*_]{3,}\s*$)/gm, '$1\\$2'), '');
  }
  return parts.join('\n');
}

export function storiesToJson(stories: SavedStory[]): string {
  return JSON.stringify({ format: 'pocket-slm-stories', version: 1, stories }, null, 2);
}

/** Starts a download of the text through a Blob link (works in the popup and the side panel). */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
