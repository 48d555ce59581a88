import { useEffect } from 'preact/hooks';

/**
 * A model the user picked in a panel that is no longer usable (deleted, or no longer runnable here) gives way to the
 * feature's default instead of leaving a blank select and failing runs.
 */
export function useForgetGonePick(loaded: boolean, choices: readonly { id: string }[], picked: boolean, model: string, forget: () => void): void {
  const gone = loaded && picked && !choices.some((entry) => entry.id === model);
  useEffect(() => {
    if (gone) forget();
  }, [gone]);
}
