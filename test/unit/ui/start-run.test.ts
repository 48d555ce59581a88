import { describe, expect, test, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { startRun } = await import('../../../extension/ui/start-run.ts');
const { unanswered } = await import('../../../extension/platform/index.ts');
const { BusyError, InternalError } = await import('../../../extension/protocol/errors.ts');

/**
 * A start whose answer Chrome lost (its service worker stopped as it replied: exploratory test, session 21, where the
 * panels said "Failed: A listener indicated an asynchronous response…" beside a story that went on being written).
 */
const channelClosed = () => new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');

describe('startRun', () => {
  test('Chrome\'s lost-answer errors are told apart from ours', () => {
    expect(unanswered(channelClosed())).toBe(true);
    expect(unanswered(new Error('The message port closed before a response was received.'))).toBe(true);
    expect(unanswered(new InternalError('no receiver answered "story.start"'))).toBe(true);
    expect(unanswered(new BusyError('a story is being written'))).toBe(false);
    expect(unanswered(new Error('Could not establish connection. Receiving end does not exist.'))).toBe(false);
  });

  test('a run that started though its answer was lost is followed as if the answer had come', async () => {
    const active = vi.fn(async () => ({ active: 'run-7' }));
    await expect(startRun(async () => { throw channelClosed(); }, active)).resolves.toEqual({ runId: 'run-7' });
    expect(active).toHaveBeenCalledTimes(1);
  });

  test('a start that did not happen is a DisconnectedError in our words', async () => {
    await expect(startRun(async () => { throw channelClosed(); }, async () => ({ active: null })))
      .rejects.toMatchObject({ name: 'DisconnectedError', message: expect.stringMatching(/nothing was started/) });
    await expect(startRun(async () => { throw new InternalError('no receiver answered "math.start"'); }, async () => { throw channelClosed(); }))
      .rejects.toMatchObject({ name: 'DisconnectedError' });
  });

  test('any other error stands, and the host is not asked', async () => {
    const active = vi.fn(async () => ({ active: 'run-1' }));
    await expect(startRun(async () => { throw new BusyError('one at a time'); }, active)).rejects.toMatchObject({ name: 'BusyError' });
    expect(active).not.toHaveBeenCalled();
  });
});
