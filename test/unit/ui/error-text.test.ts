import { expect, test } from 'vitest';
import { errorDetail, errorHeadline } from '../../../extension/ui/error-text.ts';

test('errors read plainly: a headline per class, a position given once, a hint for the browser\'s network wording', () => {
  expect(errorHeadline('QuotaError')).toBe('Storage is full');
  expect(errorHeadline('PocketError')).toBe('Failed');
  expect(errorHeadline(undefined)).toBe('Failed');
  expect(errorDetail({ name: 'ScriptSyntaxError', message: 'Unexpected token at 3:7', line: 3, column: 7 })).toBe('Unexpected token at 3:7');
  expect(errorDetail({ name: 'ScriptRuntimeError', message: 'cannot read `x` of null', line: 2, column: 1 })).toBe('cannot read `x` of null (line 2, column 1)');
  // "1:2" inside "11:23" is another place.
  expect(errorDetail({ message: 'bad at 11:23', line: 1, column: 2 })).toBe('bad at 11:23 (line 1, column 2)');
  expect(errorDetail({ message: 'download of onnx/encoder_model.onnx failed after 4 attempts in a row: Failed to fetch' }))
    .toBe('download of onnx/encoder_model.onnx failed after 4 attempts in a row: Failed to fetch — the server could not be reached (offline, blocked, or it redirects in a loop)');
});
