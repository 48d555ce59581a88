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

function pickTemplate(field: TemplateField): string | undefined {
  if (typeof field === 'string') return field;
  return field?.find((t) => t.name === 'default')?.template ?? field?.[0]?.template;
}

/**
 * Renders a conversation with the model's own chat template (tokenizer_config.json `chat_template`, Jinja) so the
 * prompt matches what the model was tuned on. The template is interpreted by @huggingface/jinja, never evaluated
 * as code. Models without a template (plain text models such as TinyStories) get a readable transcript instead.
 */
export class ChatFormatter {
  private readonly template: Template | undefined;

  constructor(private readonly config: TokenizerConfigLike) {
    const source = pickTemplate(config.chat_template);
    try {
      this.template = source ? new Template(source) : undefined;
    } catch (error) {
      throw new ValidationError(`the model's chat template does not parse: ${(error as Error).message}`);
    }
  }

  get hasTemplate(): boolean {
    return this.template !== undefined;
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
