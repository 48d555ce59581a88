import * as v from 'valibot';

/** At most `max` UTF-16 units (what the schemas count), never half of a surrogate pair. */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  if (end > 0 && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
  return text.slice(0, end);
}

type Container = Record<string | number, unknown>;

/**
 * Makes a value the page built fit its schema instead of failing whole: a string over its length limit is cut to it,
 * and anything else that does not validate drops the smallest list element around it (one entry, one locator). A
 * page with one odd field (a 5,000-character URL, a label of emoji, a 60-level CSS path) stays readable. Throws the
 * schema's error when no such repair helps (the value's top-level shape is wrong).
 */
export function fitToSchema<S extends v.GenericSchema>(schema: S, value: v.InferInput<S>, rounds = 8): v.InferOutput<S> {
  const current = value as unknown;
  for (let round = 0; round < rounds; round++) {
    const result = v.safeParse(schema, current);
    if (result.success) return result.output;
    const drops = new Map<unknown[], Set<number>>();
    let repaired = false;
    for (const issue of result.issues) {
      const path = issue.path ?? [];
      const last = path[path.length - 1];
      if (issue.type === 'max_length' && typeof issue.requirement === 'number') {
        // A list over its limit keeps its first entries; a string over its limit is cut.
        if (Array.isArray(issue.input)) {
          issue.input.length = issue.requirement;
          repaired = true;
          continue;
        }
        if (typeof issue.input === 'string' && last && last.origin !== 'key') {
          (last.input as Container)[last.key as string | number] = cutUnits(issue.input, issue.requirement);
          repaired = true;
          continue;
        }
      }
      for (let i = path.length - 1; i >= 0; i--) {
        const step = path[i]!;
        if (Array.isArray(step.input) && typeof step.key === 'number') {
          const set = drops.get(step.input) ?? new Set<number>();
          set.add(step.key);
          drops.set(step.input, set);
          repaired = true;
          break;
        }
      }
    }
    for (const [array, indexes] of drops) {
      for (const index of [...indexes].sort((a, b) => b - a)) array.splice(index, 1);
    }
    if (!repaired) break;
  }
  return v.parse(schema, current);
}
