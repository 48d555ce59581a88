import * as v from 'valibot';

/**
 * Named errors that cross every boundary (page ↔ background ↔ offscreen ↔ worker) and come back as the same class.
 * The `name` is the wire identity: never rename one without keeping the old name readable.
 */
export class PocketError extends Error {
  static readonly errorName: string = 'PocketError';
  /** Extra, JSON-safe facts for the UI (issues, limits, positions). */
  readonly data: Record<string, unknown> | undefined;

  constructor(message: string, data?: Record<string, unknown>) {
    super(message);
    this.name = (this.constructor as typeof PocketError).errorName;
    this.data = data;
  }
}

function named(errorName: string) {
  return class extends PocketError {
    static override readonly errorName = errorName;
  };
}

export class ValidationError extends named('ValidationError') {}
export class UntrustedSenderError extends named('UntrustedSenderError') {}
export class UnknownKindError extends named('UnknownKindError') {}
export class ModelHostError extends named('ModelHostError') {}
export class WorkerCrashedError extends named('WorkerCrashedError') {}
export class ContentScriptError extends named('ContentScriptError') {}
/** What a tab showing a PDF answers (Chrome's viewer draws it; there is no page to read). */
export const PDF_REFUSAL = 'cannot read this page: it is a PDF, which Chrome\'s own viewer shows; its text and links are not part of the page';
/** A tab took too long to answer (a dialog of the page waiting for the user, or its own script keeping it busy). */
export class PageUnresponsiveError extends named('PageUnresponsiveError') {}
export class ModelNotFoundError extends named('ModelNotFoundError') {}
export class IntegrityError extends named('IntegrityError') {}
export class QuotaError extends named('QuotaError') {}
export class DeviceLostError extends named('DeviceLostError') {}
export class OutOfMemoryError extends named('OutOfMemoryError') {}
export class AbortError extends named('AbortError') {}
export class DisconnectedError extends named('DisconnectedError') {}
export class InternalError extends named('InternalError') {}
/** Work that runs one at a time (a math run per profile) was asked to start while another is going. */
export class BusyError extends named('BusyError') {}

/** Errors of a model-written script: `data.line`/`data.column` (both 1-based) survive the wire. */
export class ScriptError extends PocketError {
  static override readonly errorName: string = 'ScriptError';
  get line(): number | undefined {
    return typeof this.data?.line === 'number' ? this.data.line : undefined;
  }
  get column(): number | undefined {
    return typeof this.data?.column === 'number' ? this.data.column : undefined;
  }
}

function namedScript(errorName: string) {
  return class extends ScriptError {
    static override readonly errorName = errorName;
  };
}

export class NotFoundError extends namedScript('NotFoundError') {}
export class ActionError extends namedScript('ActionError') {}
export class ApiError extends namedScript('ApiError') {}
export class ScriptSyntaxError extends namedScript('ScriptSyntaxError') {}
export class BudgetError extends namedScript('BudgetError') {}
export class NavigationError extends namedScript('NavigationError') {}
/** A script's own mistake at run time (reading a property of undefined, calling a non-function, an uncaught throw). */
export class ScriptRuntimeError extends namedScript('ScriptRuntimeError') {}

export const errorClasses = [
  // The bases too: code that throws one directly (no better class yet) keeps its name across the wire.
  PocketError, ScriptError, ValidationError, UntrustedSenderError, UnknownKindError, ModelHostError, WorkerCrashedError, ContentScriptError,
  PageUnresponsiveError, ModelNotFoundError, IntegrityError, QuotaError, DeviceLostError, OutOfMemoryError, AbortError,
  DisconnectedError, InternalError, BusyError, NotFoundError, ActionError, ApiError, ScriptSyntaxError, BudgetError, NavigationError,
  ScriptRuntimeError,
] as const;

const byName = new Map<string, typeof PocketError>(errorClasses.map((cls) => [cls.errorName, cls]));

export const SerializedErrorSchema = v.strictObject({
  name: v.pipe(v.string(), v.maxLength(64)),
  message: v.pipe(v.string(), v.maxLength(4000)),
  data: v.optional(v.record(v.string(), v.unknown())),
});
export type SerializedError = v.InferOutput<typeof SerializedErrorSchema>;

function jsonSafe(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  try {
    return JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  } catch {
    return { note: 'error data was not serializable' };
  }
}

/** Anything thrown becomes a wire error; unknown throwables become InternalError so no stack or host object leaks. */
export function serializeError(error: unknown): SerializedError {
  // Never throws itself (a null-prototype object, a throwing toString, a message that is not a string): a worker
  // that could not serialize an error would never answer, and its caller would wait forever.
  const text = (value: unknown): string => {
    try {
      return typeof value === 'string' ? value : String(value);
    } catch {
      return 'an unprintable value was thrown';
    }
  };
  try {
    if (error instanceof PocketError) {
      const data = jsonSafe(error.data);
      return { name: error.name, message: text(error.message).slice(0, 4000), ...(data ? { data } : {}) };
    }
    return { name: InternalError.errorName, message: text(error instanceof Error ? error.message : error).slice(0, 4000) };
  } catch {
    return { name: InternalError.errorName, message: 'an unprintable value was thrown' };
  }
}

export function deserializeError(wire: unknown): PocketError {
  const parsed = v.safeParse(SerializedErrorSchema, wire);
  if (!parsed.success) return new InternalError('malformed error from the other side');
  const cls = byName.get(parsed.output.name) ?? InternalError;
  return new cls(parsed.output.message, parsed.output.data);
}

export function isErrorNamed<T extends typeof PocketError>(error: unknown, cls: T): error is InstanceType<T> {
  return error instanceof PocketError && error.name === cls.errorName;
}
