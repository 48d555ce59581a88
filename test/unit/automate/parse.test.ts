import { describe, expect, test } from 'vitest';
import { ANSWER_JSON_SCHEMA, answerSchemaFor, parseAnswer } from '../../../extension/features/automate/parse.ts';
import { ScriptSyntaxError } from '../../../extension/protocol/errors.ts';

const good = { plan: 'click it', elements: ['$a'], script: '$a.click();\ndone("ok");' };

describe('parseAnswer: tolerant reading of {plan, elements, script}', () => {
  test('clean JSON', () => {
    expect(parseAnswer(JSON.stringify(good))).toEqual(good);
  });
  test('JSON in a ```json fence with prose before and after', () => {
    const raw = `Sure! Here is the script:\n\`\`\`json\n${JSON.stringify(good, null, 2)}\n\`\`\`\nLet me know if it works.`;
    expect(parseAnswer(raw)).toEqual(good);
  });
  test('trailing text and a second object after the answer', () => {
    expect(parseAnswer(`${JSON.stringify(good)} and then {"x": 1}`)).toEqual(good);
  });
  test('braces inside strings do not confuse the object scan', () => {
    const tricky = { plan: 'use } and { freely', elements: [], script: 'say("{ not } json");\ndone(1);' };
    expect(parseAnswer(`answer: ${JSON.stringify(tricky)} trailing }`)).toEqual(tricky);
  });
  test('script given as an array of lines, or inside its own fence', () => {
    expect(parseAnswer(JSON.stringify({ plan: 'p', elements: [], script: ['$a.click();', 'done(1);'] })).script).toBe('$a.click();\ndone(1);');
    expect(parseAnswer(JSON.stringify({ plan: 'p', elements: [], script: '```js\n$a.click();\n```' })).script).toBe('$a.click();');
  });
  test('a bare fenced script without JSON is accepted with an empty plan', () => {
    const parsed = parseAnswer('```js\n$search.type("x");\ndone(1);\n```');
    expect(parsed).toEqual({ plan: '', elements: [], script: '$search.type("x");\ndone(1);' });
  });
  test('a missing script, prose, empty text and broken JSON are ScriptSyntaxErrors', () => {
    for (const raw of ['', 'I cannot help with that.', '{"plan": "x", "elements": []}', '{"plan": "x", "script": "$a.click()"', '```\nhello\n```']) {
      expect(() => parseAnswer(raw), raw).toThrow(ScriptSyntaxError);
    }
    try {
      parseAnswer('{"plan": "oops"');
    } catch (error) {
      expect((error as ScriptSyntaxError).data?.parse).toBe('invalid-json');
    }
  });
});

describe('the answer schema of a page', () => {
  test('`elements` is held to the page\'s names with their `$`; no names or too many leave it free', () => {
    const schema = answerSchemaFor(['inbox__messages', 'search__query', 'inbox__messages']) as { properties: { elements: { items: unknown } } };
    expect(schema.properties.elements.items).toEqual({ enum: ['$inbox__messages', '$search__query'] });
    expect(answerSchemaFor([])).toBe(ANSWER_JSON_SCHEMA);
    expect(answerSchemaFor(Array.from({ length: 2001 }, (_, i) => `n${i}`))).toBe(ANSWER_JSON_SCHEMA);
  });
});

describe('what is no answer, and what is (review, session 14)', () => {
  test('a fenced script holding an object literal with a "code" key is that script, not the string', () => {
    const raw = '```js\nconst otp = {"code": "done(\\"ok\\")"};\n$otp_input.type(otp.code);\n$verify_button.click();\ndone(1);\n```';
    expect(parseAnswer(raw).script).toBe('const otp = {"code": "done(\\"ok\\")"};\n$otp_input.type(otp.code);\n$verify_button.click();\ndone(1);');
  });

  test('an example the prompt showed, echoed before or after the model\'s own answer, is not taken for it', () => {
    const example = JSON.stringify({ plan: 'open item with $inbox', elements: ['$inbox'], script: '$inbox[0].open();' });
    const mine = JSON.stringify({ plan: 'delete', elements: ['$x'], script: '$x.click();\ndone(1);' });
    const avoid = ['$inbox[0].open();'];
    expect(parseAnswer(`Task: Open the first item of inbox\nAnswer: ${example}\nTask: click x\nAnswer: ${mine}`, avoid).script).toBe('$x.click();\ndone(1);');
    expect(parseAnswer(`${mine}\n\nTask: Open the first item of inbox\nAnswer: ${example}`, avoid).script).toBe('$x.click();\ndone(1);');
    // A follow-on task the model invents after its answer, or an aside: the first answer is its own.
    const invented = JSON.stringify({ plan: 'check with $dark', elements: ['$settings__dark'], script: '$settings__dark.check();' });
    expect(parseAnswer(`${mine}\n\nTask: Turn on "Dark mode"\nAnswer: ${invented}`, avoid).script).toBe('$x.click();\ndone(1);');
    expect(parseAnswer('```json\n' + example + '\n```\n```json\n' + mine + '\n```', avoid).script).toBe('$x.click();\ndone(1);');
  });

  test('an answer object in a js fence, and a lone {"script"} in a json fence or prose, are read', () => {
    expect(parseAnswer('```javascript\n{"plan": "save", "elements": ["$save_button"], "script": "$save_button.click();\\ndone(1);"}\n```').script).toBe('$save_button.click();\ndone(1);');
    expect(parseAnswer('Here is the script:\n```json\n{"script": "$save_button.click();"}\n```').script).toBe('$save_button.click();');
    expect(parseAnswer('Sure! {"script": "$save_button.click();"}').script).toBe('$save_button.click();');
  });

  test('a stray brace in the prose before the answer, and raw line breaks inside the script string, are read', () => {
    const good = JSON.stringify({ plan: 'p', elements: [], script: '$a.click();\ndone(1);' });
    expect(parseAnswer(`Using the format {"plan", ...:\n${good}`).script).toBe('$a.click();\ndone(1);');
    expect(parseAnswer('{"plan": "p", "elements": [], "script": "$a.click();\n\tdone(1);"}').script).toBe('$a.click();\n\tdone(1);');
  });
});
