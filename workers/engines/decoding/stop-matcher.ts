/**
 * Streams text while watching for stop strings. Text that could still become a stop string is held back, so the
 * caller never shows text it must take back; the stop string itself is never emitted.
 */
export class StopMatcher {
  private text = '';
  private emitted = 0;
  stopped = false;

  constructor(private readonly stops: readonly string[]) {}

  /** Adds new text; returns what may be shown now. */
  push(chunk: string): string {
    if (this.stopped) return '';
    this.text += chunk;
    let cut = -1;
    for (const stop of this.stops) {
      if (!stop) continue;
      const at = this.text.indexOf(stop, Math.max(0, this.emitted - stop.length + 1));
      if (at !== -1 && (cut === -1 || at < cut)) cut = at;
    }
    if (cut !== -1) {
      this.stopped = true;
      this.text = this.text.slice(0, cut);
      return this.release(this.text.length);
    }
    return this.release(this.text.length - this.pendingPrefixLength());
  }

  /** Everything not yet shown (at the end of generation). */
  flush(): string {
    return this.release(this.text.length);
  }

  get fullText(): string {
    return this.text;
  }

  private pendingPrefixLength(): number {
    let longest = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, this.text.length); length > longest; length--) {
        if (this.text.endsWith(stop.slice(0, length))) {
          longest = length;
          break;
        }
      }
    }
    return longest;
  }

  private release(upTo: number): string {
    const end = Math.max(upTo, this.emitted);
    const out = this.text.slice(this.emitted, end);
    this.emitted = end;
    return out;
  }
}
