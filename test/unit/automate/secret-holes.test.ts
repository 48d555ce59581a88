import { describe, expect, test } from 'vitest';
import { withSecretHoles } from '../../../extension/features/automate/secret-holes.ts';
import { checkParamPlaces, fillParams } from '../../../extension/features/automate/params.ts';
import { isSecretParam } from '../../../extension/features/automate/secret-param.ts';

const SIGNUP = `$sign_up__full_name.type("Ann Lee");
$sign_up__password.type("Tr0ub4dor&3x");
$sign_up__create_account_button.click();
done($sign_up__result.text());`;

const fields = (...names: string[]) => (target: string) => names.includes(target);

describe('what a script types into sensitive fields, found in its text', () => {
  test('a literal, a template, a number, a const, a let and its assignments, an object property, a + of literals; never a value computed or asked', () => {
    const script = [
      '$a__pw.type("one-1");', '$a__pw.type(`two-2`);', 'const p = "three-3";', '$a__pw.type(p);',
      'let q = "four-4"; q = q + "!";', '$a__pw.type(q);', '$a__pw.type(ask("Password?"));', '$a__pw.type(`x${p}`);',
      '$a__name.type("not-secret");', 'for (const row of $list) $a__pw.type(4821);', 'const c = { k: "five-5" };', '$a__pw.type(c.k);',
      '$a__pw.type("six" + "-6");',
    ].join('\n');
    const saved = withSecretHoles(script, '', fields('$a__pw'));
    expect(saved.script).toBe([
      '$a__pw.type("{{pw}}");', '$a__pw.type(`{{pw_2}}`);', 'const p = "{{pw_3}}";', '$a__pw.type(p);',
      'let q = "{{pw_4}}"; q = q + "!";', '$a__pw.type(q);', '$a__pw.type(ask("Password?"));', '$a__pw.type(`x${p}`);',
      '$a__name.type("not-secret");', 'for (const row of $list) $a__pw.type("{{pw_5}}");', 'const c = { k: "{{pw_6}}" };', '$a__pw.type(c.k);',
      '$a__pw.type("{{pw_7}}");',
    ].join('\n'));
    expect(saved.holes).toHaveLength(7);
    expect(saved.missed).toBe(0);
  });
});

describe('what the script types into sensitive fields, put back to holes for saving', () => {
  test('the password typed goes back to {{password}} in the script and in the task; the rest stays', () => {
    const saved = withSecretHoles(SIGNUP, 'Sign me up with password Tr0ub4dor&3x', fields('$sign_up__password'));
    expect(saved.script).toBe(SIGNUP.replace('"Tr0ub4dor&3x"', '"{{password}}"'));
    expect(saved.task).toBe('Sign me up with password {{password}}');
    expect(saved.holes).toEqual([{ name: 'password', target: '$sign_up__password' }]);
    expect(isSecretParam(saved.holes[0]!.name)).toBe(true);
    // A replay fills it back in as text.
    expect(fillParams(saved.script, { password: 'new"one' })).toContain('$sign_up__password.type("new\\"one")');
  });

  test('everywhere the script holds it: a const, a template, a longer string, escaped; in a comment as a bare word', () => {
    const script = [
      'const pw = \'it\\\'s-S3cret\';',
      '// typing it\'s-S3cret next',
      '$login__pass.type(pw);',
      'say(`logged in with it\'s-S3cret and ${pw}`);',
      'done("it\'s-S3cret!");',
    ].join('\n');
    const saved = withSecretHoles(script, "log in with it's-S3cret", fields('$login__pass'));
    expect(saved.script).not.toContain('S3cret');
    expect(saved.script).toContain("const pw = '{{pass}}';");
    expect(saved.script).toContain('// typing pass next');
    expect(saved.script).toContain('say(`logged in with {{pass}} and ${pw}`);');
    expect(saved.script).toContain('"{{pass}}!"');
    expect(() => checkParamPlaces(saved.script)).not.toThrow();
    expect(saved.task).toBe('log in with {{pass}}');
  });

  test('a field whose words do not say secret gets a name that does; two fields, two holes; one value twice, one hole', () => {
    const script = '$pay__number.type("4111111111111111");\n$pay__field_2.type("123");\n$pay__field_3.type("123");';
    const saved = withSecretHoles(script, 'pay with 4111111111111111, code 123', fields('$pay__number', '$pay__field_2', '$pay__field_3'));
    expect(saved.holes.map((h) => h.name)).toEqual(['number_secret', 'field_2_secret']);
    expect(saved.holes.every((h) => isSecretParam(h.name))).toBe(true);
    expect(saved.script).toBe('$pay__number.type("{{number_secret}}");\n$pay__field_2.type("{{field_2_secret}}");\n$pay__field_3.type("{{field_2_secret}}");');
    expect(saved.task).toBe('pay with {{number_secret}}, code {{field_2_secret}}');
  });

  test('a plain-word password in a comment goes too; in other text it stays (it is not distinctive)', () => {
    const saved = withSecretHoles('// log in with sunshine\n$a__password.type("sunshine");\nsay("sunshine today");', '', fields('$a__password'));
    expect(saved.script).toBe('// log in with password\n$a__password.type("{{password}}");\nsay("sunshine today");');
    expect(saved.missed).toBe(0);
  });

  test('a value is replaced only as a whole word: a PIN "12" leaves "2012" and "120 items" alone', () => {
    const saved = withSecretHoles('$a__pin.type("12");\nsay("2012: 120 items");', 'pin 12 for 2012', fields('$a__pin'));
    expect(saved.script).toBe('$a__pin.type("{{pin}}");\nsay("2012: 120 items");');
    expect(saved.task).toBe('pin {{pin}} for 2012');
  });

  test('a name the script already uses as a hole is not taken again; a hole typed is no value', () => {
    const saved = withSecretHoles('$a__user.type("{{password}}");\n$a__password.type("hunter22");\n$a__pin.type("{{pin}}");', '', fields('$a__password', '$a__pin'));
    expect(saved.script).toBe('$a__user.type("{{password}}");\n$a__password.type("{{password_2}}");\n$a__pin.type("{{pin}}");');
    expect(saved.holes).toEqual([{ name: 'password_2', target: '$a__password' }]);
  });

  test('a plain-word secret that a hole name put in for another secret holds ("secret" in {{number_secret}}) is not counted as missed', () => {
    const script = '$pay__number.type("4111111111111111");\n$pay__pw.type("secret");';
    const saved = withSecretHoles(script, 'Pay with 4111111111111111 and password secret', fields('$pay__number', '$pay__pw'));
    expect(saved.script).toBe('$pay__number.type("{{number_secret}}");\n$pay__pw.type("{{pw}}");');
    expect(saved.task).toBe('Pay with {{number_secret}} and password {{pw}}');
    expect(saved.missed).toBe(0);
  });

  test('nothing typed into a sensitive field, an empty value, or a script that does not parse: as it was, no holes', () => {
    expect(withSecretHoles(SIGNUP, 't', fields())).toEqual({ script: SIGNUP, task: 't', holes: [], missed: 0 });
    expect(withSecretHoles('$x.type("  ");', 't', fields('$x'))).toEqual({ script: '$x.type("  ");', task: 't', holes: [], missed: 0 });
    const broken = '$a__pw.type("abc123"';
    expect(withSecretHoles(broken, 'abc123', fields('$a__pw'))).toEqual({ script: broken, task: 'abc123', holes: [], missed: 0 });
  });
});
