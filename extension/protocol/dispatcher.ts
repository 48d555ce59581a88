import * as v from 'valibot';
import { EnvelopeSchema, MAX_ID_LENGTH, type Reply } from './envelope.ts';
import { serializeError, UnknownKindError, UntrustedSenderError, ValidationError } from './errors.ts';
import { isKind, receiverOf, routes, type Kind, type Receiver, type RequestOf, type ResponseOf } from './messages.ts';
import { classifySender, type Self, type SenderClass, type SenderFacts } from './senders.ts';

export interface HandlerContext {
  sender: SenderClass;
}
export type Handler<K extends Kind> = (payload: v.InferOutput<(typeof routes)[K]['request']>, ctx: HandlerContext) =>
  Promise<ResponseOf<K>> | ResponseOf<K>;
export type Handlers = { [K in Kind]?: Handler<K> };

/**
 * The issues as `path: message`. A union (several accepted forms) reports only "Expected Object but received Object":
 * its branches' own issues are shown instead — a wrong value in a field first (the form that got furthest), deepest
 * first, then missing or unknown keys.
 */
function issuesSummary(issues: readonly v.BaseIssue<unknown>[]): string {
  // A union's branch issues have paths from the union's own value: the union's path goes in front.
  type Keyed = { key?: unknown };
  const flat: { issue: v.BaseIssue<unknown>; path: Keyed[] }[] = [];
  const visit = (issue: v.BaseIssue<unknown>, prefix: Keyed[]) => {
    const path = [...prefix, ...((issue.path ?? []) as Keyed[])];
    if (issue.type === 'union' && issue.issues?.length) for (const inner of issue.issues) visit(inner, path);
    else flat.push({ issue, path });
  };
  for (const issue of issues) visit(issue, []);
  const wrongValue = ({ issue }: (typeof flat)[number]) => (issue.kind === 'schema' && !issue.message.startsWith('Invalid key') ? 1 : 0);
  const ranked = issues.some((issue) => issue.type === 'union')
    ? [...flat].sort((a, b) => wrongValue(b) - wrongValue(a) || b.path.length - a.path.length)
    : flat;
  const dotted = (path: Keyed[]) => (path.length ? path.map((item) => String(item.key)).join('.') : '(root)');
  const lines = ranked.map(({ issue, path }) => `${dotted(path)}: ${issue.message}`);
  return [...new Set(lines)].slice(0, 5).join('; ');
}

export function parseOrThrow<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new ValidationError(`invalid ${what}: ${issuesSummary(result.issues)}`.slice(0, 1000));
  return result.output;
}

function replyId(raw: unknown): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= MAX_ID_LENGTH ? id : '';
}

/**
 * One dispatcher per receiver. `accepts` is synchronous so a listener can decline at once and leave the answer to the
 * context a kind is addressed to (several extension contexts hear every runtime message). `dispatch` validates sender,
 * envelope, payload and the handler's own response, and always resolves to a reply, never throws.
 */
export function createDispatcher(receiver: Receiver, self: () => Self, handlers: Handlers) {
  function accepts(raw: unknown): boolean {
    const kind = (raw as { kind?: unknown } | null)?.kind;
    if (typeof kind === 'string' && isKind(kind)) {
      // The background also answers (with an error) kinds that no runtime listener serves, so no sender hangs.
      return receiverOf(kind) === receiver || (receiver === 'background' && receiverOf(kind) !== 'host');
    }
    return receiver === 'background';
  }

  async function dispatch(raw: unknown, sender: SenderFacts): Promise<Reply> {
    const id = replyId(raw);
    try {
      const from = classifySender(sender, self());
      const envelope = parseOrThrow(EnvelopeSchema, raw, 'message envelope');
      if (!isKind(envelope.kind)) throw new UnknownKindError(`unknown message kind "${envelope.kind}"`);
      if (receiverOf(envelope.kind) !== receiver) {
        throw new UnknownKindError(`"${envelope.kind}" is not handled by the ${receiver}`);
      }
      const route = routes[envelope.kind];
      if (!route.from.includes(from.tier)) {
        throw new UntrustedSenderError(`"${envelope.kind}" is not allowed from a ${from.tier} sender`);
      }
      const handler = handlers[envelope.kind] as Handler<Kind> | undefined;
      if (!handler) throw new UnknownKindError(`no handler for "${envelope.kind}" here`);
      const payload = parseOrThrow(route.request, envelope.payload, `"${envelope.kind}" request`);
      const result = await handler(payload as never, { sender: from });
      return { id, ok: true, payload: parseOrThrow(route.response, result, `"${envelope.kind}" response`) };
    } catch (error) {
      return { id, ok: false, error: serializeError(error) };
    }
  }

  return { accepts, dispatch };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
export type { RequestOf };
