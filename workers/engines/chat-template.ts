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

  render(messages: readonly ChatMessage[]): string {
    if (!messages.length) throw new ValidationError('a chat needs at least one message');
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
