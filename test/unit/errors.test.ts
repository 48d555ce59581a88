import { describe, expect, test } from 'vitest';
import {
  AbortError, deserializeError, InternalError, IntegrityError, PocketError, serializeError, UntrustedSenderError,
  ValidationError,
} from '../../extension/protocol/errors.ts';

describe('named errors across the boundary', () => {
  test.each([ValidationError, UntrustedSenderError, IntegrityError, AbortError])('%o comes back as the same class', (cls) => {
    const original = new cls('something specific', { file: 'model.onnx', bytes: 12 });
    const wire = JSON.parse(JSON.stringify(serializeError(original)));
    const back = deserializeError(wire);
    expect(back).toBeInstanceOf(cls);
    expect(back).toBeInstanceOf(PocketError);
    expect(back.name).toBe(cls.errorName);
    expect(back.message).toBe('something specific');
    expect(back.data).toEqual({ file: 'model.onnx', bytes: 12 });
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
