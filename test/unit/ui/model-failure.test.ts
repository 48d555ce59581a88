import { describe, expect, test } from 'vitest';
import { failureAdvice } from '../../../extension/features/models/failure.ts';
import { errorDetail } from '../../../extension/ui/error-text.ts';

/** Messages as the download manager and service write them (models/downloads/). */
const checksum = { name: 'IntegrityError', message: 'config.json of "Hub x" failed verification twice (sha256 mismatch); nothing was kept' };
const html = { name: 'IntegrityError', message: 'onnx/model.onnx of "Hub x" arrived whole but is not an ONNX model (unsupported wire type 4 (field 7)): the address may not serve that file; remove this model and add it again with the right address' };
const missingData = { name: 'ModelNotFoundError', message: 'its files arrived whole, but "Hub x" does not run here: "onnx/model.onnx" keeps its weights in model.onnx_data, which is not among its files (add onnx/model.onnx_data)' };
const dropped = { name: 'PocketError', message: 'download of onnx/model.onnx failed after 4 attempts in a row: network error' };
const quota = { name: 'QuotaError', message: 'storage is full: onnx/model.onnx of "Q" stopped after 1.0 MB of 2.6 MB; those bytes are kept, and the download continues from there once space is freed' };

describe('a failed row offers what can help (exploratory test, session 22)', () => {
  test('a wrong checksum typed in the form: no Resume, and the checksum is named as the likely cause', () => {
    const advice = failureAdvice(checksum, true, 2_700_000);
    expect(advice.retry).toBeNull();
    expect(advice.headline).toBe('The checksum does not match');
    expect(advice.hint).toMatch(/sha256 given in the file list may be wrong/);
    // A catalogue model's checksum is ours: another try is offered.
    expect(failureAdvice(checksum, false, 0).retry).toBe('again');
  });

  test('not a model file, or files that do not run here: no Resume, and not "Model not found"', () => {
    expect(failureAdvice(html, true, 88_000)).toMatchObject({ retry: null, headline: 'Not a model file' });
    const advice = failureAdvice(missingData, true, 2_700_000);
    expect(advice).toMatchObject({ retry: null, headline: 'Downloaded, but it does not run here' });
    expect(advice.headline).not.toMatch(/not found/i);
  });

  test('a dropped connection or a full disk resumes from what was kept; with nothing kept, tries again', () => {
    expect(failureAdvice(dropped, true, 1_000_000).retry).toBe('resume');
    expect(failureAdvice(quota, true, 1_000_000).retry).toBe('resume');
    expect(failureAdvice(quota, true, 0).retry).toBe('again');
  });

  test('a message that opens with its headline does not say it twice ("Storage is full: storage is full: …")', () => {
    expect(errorDetail(quota)).toMatch(/^onnx\/model\.onnx of "Q" stopped after/);
    expect(errorDetail({ name: 'IntegrityError', message: 'storage is full: x' })).toBe('storage is full: x');
  });
});

describe('a web page instead of a model file (exploratory test, session 24)', () => {
  const page = { name: 'IntegrityError', message: 'onnx/model.onnx of "Flan-T5 small": the server answered with a web page (text/html), not a model file — a sign-in page, a captive portal or a proxy may be answering for huggingface.co; nothing of it was kept' };
  const arrived = { name: 'IntegrityError', message: 'config.json of "Flan-T5 small" arrived whole but is not JSON: the server sent something else (a sign-in page, a captive portal or a proxy may be answering for it); it was deleted, so another try fetches it again' };

  test('reads "Not a model file" and offers another try, for a catalogue model and one added by URL', () => {
    for (const error of [page, arrived]) {
      expect(failureAdvice(error, false, 0)).toMatchObject({ headline: 'Not a model file', retry: 'again' });
      expect(failureAdvice(error, false, 0).hint).toMatch(/sign in/);
    }
    expect(failureAdvice(page, true, 500_000)).toMatchObject({ headline: 'Not a model file', retry: 'resume' });
  });
});
