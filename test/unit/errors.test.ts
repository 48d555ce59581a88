import { describe, expect, test } from 'vitest';
import {
  AbortError, ActionError, ApiError, BudgetError, deserializeError, InternalError, IntegrityError, NavigationError,
  NotFoundError, PocketError, ScriptError, ScriptRuntimeError, ScriptSyntaxError, serializeError,
  UntrustedSenderError, ValidationError,
} from '../../extension/protocol/errors.ts';

describe('named errors across the boundary', () => {
  test.each([ValidationError, UntrustedSenderError, IntegrityError, AbortError, PocketError, ScriptError])('%o comes back as the same class', (cls) => {
    const original = new cls('something specific', { file: 'model.onnx', bytes: 12 });
    const wire = JSON.parse(JSON.stringify(serializeError(original)));
    const back = deserializeError(wire);
    expect(back).toBeInstanceOf(cls);
    expect(back).toBeInstanceOf(PocketError);
    expect(back.name).toBe(cls.errorName);
    expect(back.message).toBe('something specific');
    expect(back.data).toEqual({ file: 'model.onnx', bytes: 12 });
  });

  test.each([NotFoundError, ActionError, ApiError, ScriptSyntaxError, BudgetError, NavigationError, ScriptRuntimeError])(
    '%o keeps its script position across the boundary', (cls) => {
      const original = new cls('`class` is not supported at 3:5', { line: 3, column: 5, suggestion: '$send' });
      expect(original.line).toBe(3);
      const back = deserializeError(JSON.parse(JSON.stringify(serializeError(original))));
      expect(back).toBeInstanceOf(cls);
      expect(back).toBeInstanceOf(ScriptError);
      expect(back.name).toBe(cls.errorName);
      expect((back as ScriptError).line).toBe(3);
      expect((back as ScriptError).column).toBe(5);
      expect(back.data).toEqual({ line: 3, column: 5, suggestion: '$send' });
    });

  test('a script error without a position has none', () => {
    expect(new BudgetError('too long').line).toBeUndefined();
    expect(new BudgetError('too long', { line: 'x' }).column).toBeUndefined();
  });

  test('a plain Error or a thrown string becomes InternalError without a stack', () => {
    const wire = serializeError(new TypeError('x is undefined'));
    expect(wire).toEqual({ name: 'InternalError', message: 'x is undefined' });
    expect(serializeError('boom')).toEqual({ name: 'InternalError', message: 'boom' });
  });

  test('unknown names and malformed wire errors become InternalError', () => {
    expect(deserializeError({ name: 'EvilError', message: 'hi' })).toBeInstanceOf(InternalError);
    expect(deserializeError({ name: 'ValidationError' })).toBeInstanceOf(InternalError);
    expect(deserializeError(null)).toBeInstanceOf(InternalError);
    expect(deserializeError({ name: 'ValidationError', message: 'm', extra: 1 })).toBeInstanceOf(InternalError);
  });

  test('unserializable data does not break serialization', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(serializeError(new ValidationError('bad', cyclic)).data).toEqual({ note: 'error data was not serializable' });
  });

  test('long messages are capped', () => {
    expect(serializeError(new ValidationError('x'.repeat(10_000))).message).toHaveLength(4000);
  });
});

test('serializing never throws, whatever was thrown (a worker that could not answer would leave its caller waiting)', async () => {
  const { serializeError } = await import('../../extension/protocol/errors.ts');
  const weird = [Object.create(null), { toString() { throw new Error('no'); } }, Object.assign(new Error('x'), { message: { not: 'a string' } })];
  for (const value of weird) expect(serializeError(value).name).toBe('InternalError');
  expect(serializeError(Object.create(null)).message).toBe('an unprintable value was thrown');
});
