/** A one-shot timer that can be paused: resumed, it fires after what was left of its time, not a fresh full period. */
export interface PausableTimer {
  pause(): void;
  resume(): void;
  clear(): void;
}

export function pausableTimer(ms: number, onExpire: () => void, now: () => number = () => performance.now()): PausableTimer {
  let left = ms;
  let armedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let state: 'running' | 'paused' | 'done' = 'running';
  const arm = () => {
    armedAt = now();
    state = 'running';
    timer = setTimeout(() => {
      state = 'done';
      onExpire();
    }, left);
  };
  arm();
  return {
    pause() {
      if (state !== 'running') return;
      clearTimeout(timer);
      state = 'paused';
      left = Math.max(0, left - (now() - armedAt));
    },
    resume() {
      if (state === 'paused') arm();
    },
    clear() {
      clearTimeout(timer);
      state = 'done';
    },
  };
}
