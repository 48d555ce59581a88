export { buildPageDocument } from './build.ts';
export { renderDocument, renderPrompt, estimateTokens, type CountTokens, type Prompt, type PromptOptions } from './render.ts';
export { resolveLocator, resolveLocators } from './locators.ts';
export type * from './types.ts';
