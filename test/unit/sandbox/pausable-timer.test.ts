import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { pausableTimer } from '../../../extension/sandbox/pausable-timer.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());
const now = () => Date.now();

test('fires after its time when never paused', () => {
  const fired = vi.fn();
  pausableTimer(1000, fired, now);
  vi.advanceTimersByTime(999);
  expect(fired).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(fired).toHaveBeenCalledTimes(1);
});

test('a pause stops the clock; resumed, it fires after what was left, not a fresh full period', () => {
  const fired = vi.fn();
  const timer = pausableTimer(1000, fired, now);
  vi.advanceTimersByTime(700);
  timer.pause();
  vi.advanceTimersByTime(60_000);
  expect(fired).not.toHaveBeenCalled();
  timer.resume();
  vi.advanceTimersByTime(299);
  expect(fired).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(fired).toHaveBeenCalledTimes(1);
});

test('several pauses add up; extra pause/resume calls change nothing', () => {
  const fired = vi.fn();
  const timer = pausableTimer(1000, fired, now);
  for (let i = 0; i < 3; i++) {
    vi.advanceTimersByTime(300);
    timer.pause();
    timer.pause();
    vi.advanceTimersByTime(5_000);
    timer.resume();
    timer.resume();
  }
  vi.advanceTimersByTime(99);
  expect(fired).not.toHaveBeenCalled();
  vi.advanceTimersByTime(1);
  expect(fired).toHaveBeenCalledTimes(1);
});

test('after it fired or was cleared, a resume never arms it again', () => {
  const fired = vi.fn();
  const timer = pausableTimer(100, fired, now);
  vi.advanceTimersByTime(100);
  timer.resume();
  vi.advanceTimersByTime(1_000);
  expect(fired).toHaveBeenCalledTimes(1);

  const cleared = vi.fn();
  const other = pausableTimer(100, cleared, now);
  other.pause();
  other.clear();
  other.resume();
  vi.advanceTimersByTime(1_000);
  expect(cleared).not.toHaveBeenCalled();
});
