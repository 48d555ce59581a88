/**
 * The prompt and what the writer wrote after it, as one text. Stories are kept trimmed, and an encoder-decoder
 * writer's answer starts a new text (no leading space), so a space goes between them unless the story starts with
 * punctuation or either side already has one ("Once upon a time" + "little boy…", not "timelittle").
 */
export function joinStory(prompt: string, story: string): string {
  if (!prompt || !story || /[\s(\[{"“‘«-]$/.test(prompt) || /^[\s.,;:!?'’")\]}»]/.test(story)) return prompt + story;
  return `${prompt} ${story}`;
}
