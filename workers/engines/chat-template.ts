import { Template } from '@huggingface/jinja';
import { ValidationError } from '../../extension/protocol/errors.ts';
import type { ChatMessage } from './types.ts';

type TemplateField = string | { name: string; template: string }[] | undefined;

interface TokenizerConfigLike {
  chat_template?: TemplateField;
  bos_token?: string | { content: string } | null;
  eos_token?: string | { content: string } | null;
}

const tokenText = (token: TokenizerConfigLike['bos_token']) => (typeof token === 'string' ? token : token?.content ?? '');

function pickTemplate(field: unknown): string | undefined {
  if (field === undefined || field === null) return undefined;
  if (typeof field === 'string') return field;
  if (Array.isArray(field)) {
    const named = field as { name?: unknown; template?: unknown }[];
    const chosen = named.find((t) => t?.name === 'default') ?? named[0];
    if (typeof chosen?.template === 'string') return chosen.template;
  }
  throw new ValidationError('the model\'s chat_template (tokenizer_config.json) is neither a string nor a list of named templates');
}

/**
 * The part of a chat a model with room for `maxChars` characters can read: a leading system message (at most half
 * the room), then the latest turns, the oldest of them cut at its front. Rendering and tokenizing all of a huge chat
 * only for the context fit to drop its front would block the worker for minutes.
 */
export function fitChat(messages: readonly ChatMessage[], maxChars: number): ChatMessage[] {
  const total = messages.reduce((n, m) => n + m.content.length, 0);
  if (total <= maxChars) return [...messages];
  const kept: ChatMessage[] = [];
  let room = maxChars;
  let first = 0;
  if (messages[0]!.role === 'system') {
    const system = messages[0]!;
    const content = system.content.slice(0, Math.floor(maxChars / 2));
    kept.push({ ...system, content });
    room -= content.length;
    first = 1;
  }
  const latest: ChatMessage[] = [];
  for (let i = messages.length - 1; i >= first && room > 0; i--) {
    const message = messages[i]!;
    const content = message.content.length <= room ? message.content : message.content.slice(message.content.length - room);
    latest.unshift({ ...message, content });
    room -= content.length;
  }
  return [...kept, ...latest];
}

/**
 * Renders a conversation with the model's own chat template (tokenizer_config.json `chat_template`, Jinja) so the
 * prompt matches what the model was tuned on. The template is interpreted by @huggingface/jinja, never evaluated
 * as code. Models without a template (plain text models such as TinyStories) get a readable transcript instead.
 */
export class ChatFormatter {
  /** Parsed on the first chat: a template that does not parse fails chats only, and plain prompts still run. */
  private parsed: Template | undefined | null = null;

  constructor(private readonly config: TokenizerConfigLike) {}

  private get template(): Template | undefined {
    if (this.parsed !== null) return this.parsed;
    const source = pickTemplate(this.config.chat_template);
    try {
      this.parsed = source ? new Template(source) : undefined;
    } catch (error) {
      throw new ValidationError(`the model's chat template does not parse: ${(error as Error).message}`);
    }
    return this.parsed;
  }

  get hasTemplate(): boolean {
    return this.config.chat_template !== undefined && this.config.chat_template !== null;
  }

  /** `maxChars`: a chat longer than the model could read keeps its system message and its latest turns (see fitChat). */
  render(all: readonly ChatMessage[], maxChars = Number.POSITIVE_INFINITY): string {
    if (!all.length) throw new ValidationError('a chat needs at least one message');
    const messages = fitChat(all, maxChars);
    if (!this.template) {
      return `${messages.map((m) => `${m.role[0]!.toUpperCase()}${m.role.slice(1)}: ${m.content}`).join('\n\n')}\n\nAssistant:`;
    }
    try {
      return this.template.render({
        messages: messages.map((m) => ({ role: m.role, content: m.content })),
        add_generation_prompt: true,
        bos_token: tokenText(this.config.bos_token),
        eos_token: tokenText(this.config.eos_token),
      });
    } catch (error) {
      throw new ValidationError(`the model's chat template failed on this conversation: ${(error as Error).message}`);
    }
  }
}
