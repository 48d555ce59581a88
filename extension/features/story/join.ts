/**
 * The prompt and what the writer wrote after it, as one text. Stories are kept trimmed, and an encoder-decoder
 * writer's answer starts a new text (no leading space), so a space goes between them unless the story starts with
 * punctuation or either side already has one ("Once upon a time" + "little boy…", not "timelittle").
 */
export function joinStory(prompt: string, story: string): string {
  // A straight quote closes the prompt's quotation when punctuation or a space follows it (`" she said`); one before a
  // word opens the story's dialogue (`"Hi," said Tom.`) and is a new sentence.
  const closingQuote = /^"(?=$|[\s.,;:!?)\]}])/.test(story);
  if (!prompt || !story || /[\s(\[{"“‘«-]$/.test(prompt) || /^[\s.,;:!?'’)\]}»]/.test(story) || closingQuote) return prompt + story;
  return `${prompt} ${story}`;
}
