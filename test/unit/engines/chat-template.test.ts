import { describe, expect, test } from 'vitest';
import { ChatFormatter } from '../../../workers/engines/chat-template.ts';
import { ValidationError } from '../../../extension/protocol/errors.ts';

// ChatML as Qwen2.5 ships it (shortened: no tool branch), and a Llama-3-style template that uses bos_token.
const chatml = "{%- if messages[0]['role'] == 'system' %}{{- '<|im_start|>system\\n' + messages[0]['content'] + '<|im_end|>\\n' }}{%- else %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}{%- for message in messages %}{%- if not (message.role == 'system' and loop.first) %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}{%- endif %}{%- endfor %}{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
const llama = "{{- bos_token }}{%- for message in messages %}{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' + message['content'] | trim + '<|eot_id|>' }}{%- endfor %}{%- if add_generation_prompt %}{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{%- endif %}";

describe('ChatFormatter', () => {
  test('ChatML adds the default system turn and the generation prompt', () => {
    const text = new ChatFormatter({ chat_template: chatml }).render([{ role: 'user', content: 'What is 2+2?' }]);
    expect(text).toBe('<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n');
  });

  test('a system message replaces the default one', () => {
    const text = new ChatFormatter({ chat_template: chatml }).render([
      { role: 'system', content: 'Answer in JSON.' }, { role: 'user', content: 'Hi' },
    ]);
    expect(text).toBe('<|im_start|>system\nAnswer in JSON.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
  });

  test('bos_token comes from the tokenizer config, string or object form', () => {
    const messages = [{ role: 'user', content: '  hello ' }] as const;
    const expected = '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
    expect(new ChatFormatter({ chat_template: llama, bos_token: '<|begin_of_text|>' }).render(messages)).toBe(expected);
    expect(new ChatFormatter({ chat_template: llama, bos_token: { content: '<|begin_of_text|>' } }).render(messages)).toBe(expected);
  });

  test('named template lists pick "default"', () => {
    const f = new ChatFormatter({ chat_template: [{ name: 'tool_use', template: 'TOOLS' }, { name: 'default', template: chatml }] });
    expect(f.render([{ role: 'user', content: 'x' }])).toContain('<|im_start|>user\nx<|im_end|>');
  });

  test('page text inside a message is data: template syntax in content is not interpreted', () => {
    const text = new ChatFormatter({ chat_template: chatml }).render([{ role: 'user', content: '{{ bos_token }} {% for x in y %}' }]);
    expect(text).toContain('{{ bos_token }} {% for x in y %}');
  });

  test('no template: a readable transcript ending in an assistant cue', () => {
    const f = new ChatFormatter({});
    expect(f.hasTemplate).toBe(false);
    expect(f.render([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Tell a story' }]))
      .toBe('System: Be brief.\n\nUser: Tell a story\n\nAssistant:');
  });

  test('broken templates and empty chats are typed errors', () => {
    // Parsed on the first chat: the model still serves plain prompts, chats get the typed error.
    const broken = new ChatFormatter({ chat_template: '{% for %}' });
    expect(() => broken.render([{ role: 'user', content: 'hi' }])).toThrow(ValidationError);
    expect(() => broken.render([{ role: 'user', content: 'hi' }])).toThrow(/does not parse/);
    expect(() => new ChatFormatter({ chat_template: 42 as never }).render([{ role: 'user', content: 'hi' }])).toThrow(/neither a string nor a list/);
    expect(() => new ChatFormatter({ chat_template: chatml }).render([])).toThrow(ValidationError);
  });
});

describe('a chat longer than the model can read', () => {
  test('keeps the system message and the latest turns, the oldest kept one cut at its front; short chats are untouched', async () => {
    const { fitChat } = await import('../../../workers/engines/chat-template.ts');
    const chat = [
      { role: 'system' as const, content: 'S'.repeat(100) },
      { role: 'user' as const, content: 'a'.repeat(1000) },
      { role: 'assistant' as const, content: 'b'.repeat(1000) },
      { role: 'user' as const, content: 'c'.repeat(300) },
    ];
    expect(fitChat(chat, 10_000)).toEqual(chat);
    const fitted = fitChat(chat, 600);
    expect(fitted.map((m) => [m.role, m.content.length])).toEqual([['system', 100], ['assistant', 200], ['user', 300]]);
    expect(fitted[1]!.content).toBe('b'.repeat(200));
    // A huge system message takes at most half the room.
    expect(fitChat([{ role: 'system', content: 'S'.repeat(5000) }, { role: 'user', content: 'hi' }], 1000)
      .map((m) => m.content.length)).toEqual([500, 2]);
    // Through render: 64 messages of 200,000 characters render only what fits.
    const huge = Array.from({ length: 64 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', content: `${i}`.padStart(200_000, '.') }));
    const text = new ChatFormatter({ chat_template: chatml }).render(huge, 8192);
    expect(text.length).toBeLessThan(8192 + 500);
    expect(text).toMatch(/<\|im_start\|>assistant\n\.+63<\|im_end\|>\n<\|im_start\|>assistant\n$/);
    expect(text).not.toContain('62<|im_end|>');
  });
});
