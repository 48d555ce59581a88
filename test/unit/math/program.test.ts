import { describe, expect, test } from 'vitest';
import { extractProgram } from '../../../extension/features/math/program.ts';

describe('extractProgram', () => {
  test('a closed ```js fence, prose around it', () => {
    const got = extractProgram('Here is my program:\n```javascript\nconst a = 2;\nanswer(a * 3);\n```\nIt prints 6.');
    expect(got).toEqual({ source: 'const a = 2;\nanswer(a * 3);', how: 'fence' });
  });

  test('a bare ``` fence and a fence the model never closed', () => {
    expect(extractProgram('```\nanswer(1);\n```')).toEqual({ source: 'answer(1);', how: 'fence' });
    expect(extractProgram('```js\nlet x = 4;\nanswer(x)\n')).toEqual({ source: 'let x = 4;\nanswer(x)', how: 'open-fence' });
  });

  test('bare code lines after prose, cut at answer(...) or at the next question', () => {
    const got = extractProgram('Sure.\nconst cats = 3;\nconst dogs = cats * 2;\nanswer(cats + dogs);\nThis is the answer.');
    expect(got).toEqual({ source: 'const cats = 3;\nconst dogs = cats * 2;\nanswer(cats + dogs);', how: 'bare' });
    expect(extractProgram('total = 5\nprint(total)\nQuestion: next one')?.source).toBe('total = 5\nprint(total)');
  });

  test('no program at all', () => {
    expect(extractProgram('Once upon a time, a cat sat on a mat.')).toBeNull();
    expect(extractProgram('')).toBeNull();
    expect(extractProgram('```js\n   \n```')).toBeNull();
  });

  test('very long programs are clipped', () => {
    expect(extractProgram(`\`\`\`js\n${'x = 1;\n'.repeat(5000)}\`\`\``)!.source.length).toBeLessThanOrEqual(8000);
  });
});
