import * as v from 'valibot';
import type { StreamRoute } from './stream.ts';
import { NewCustomModelSchema } from '../../models/custom-model.ts';
import { ProbeConfigSchema } from '../features/probes/config.ts';
import { MathRunIdSchema, MathStartSchema, MathStatusSchema } from '../features/math/messages.ts';
import { StoryRunIdSchema, StoryStartSchema, StoryStatusSchema } from '../features/story/messages.ts';
import {
  DeviceProbeSchema, Empty, EngineInfoSchema, GenerateEventSchema, GenerateRequestSchema, GenerateResultSchema,
  ModelRequestSchema, AbortRequestSchema, StreamOpenSchema, ModelDeleteSchema, ModelIdSchema, StorageReportSchema, PageStatsSchema, PanelIntentReplySchema, PongSchema, SystemInfoSchema, TabRequestSchema,
  WorkersResetSchema, DeviceDestroyedSchema, FetchProgressEventSchema,
} from './schemas.ts';
import {
  HighlightReplySchema, HighlightRequestSchema, PageDocumentRequestSchema, PageDocumentSchema, TabDocumentRequestSchema,
  TabHighlightRequestSchema, TokenCountRequestSchema, TokenCountSchema,
} from './schemas.ts';
import { ActReplySchema, ActRequestSchema, TabActRequestSchema } from './schemas.ts';
import {
  AutomateRespondSchema, AutomateRunIdSchema, AutomateStartSchema, AutomateStateSchema, AutomateTabSchema, AutomateWaitingSchema,
} from '../features/automate/run-state.ts';

const ProbeRunIdSchema = v.strictObject({ runId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) });
const ProbesStartSchema = v.union([v.strictObject({ config: ProbeConfigSchema }), v.strictObject({ resume: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) })]);
const ProbesStatusSchema = v.strictObject({ active: v.nullable(v.pipe(v.string(), v.maxLength(100))) });

/** Who may send a kind: our extension pages (popup, side panel, offscreen, service worker) or our content script. */
export type Tier = 'extension' | 'content';

type AnySchema = v.GenericSchema<unknown, unknown>;
export interface Route<Req extends AnySchema, Res extends AnySchema> {
  request: Req;
  response: Res;
  from: readonly Tier[];
}
const route = <Req extends AnySchema, Res extends AnySchema>(request: Req, response: Res, from: readonly Tier[]) =>
  ({ request, response, from }) satisfies Route<Req, Res>;

/**
 * Every message kind and its schemas. Prefixes name the receiver:
 * no prefix → background; `host.` → offscreen model host; `content.` → content script; `worker.` → model worker.
 */
export const routes = {
  ping: route(Empty, PongSchema, ['extension', 'content']),
  'system.info': route(Empty, SystemInfoSchema, ['extension']),
  'page.stats': route(TabRequestSchema, PageStatsSchema, ['extension']),
  'panel.intent': route(TabRequestSchema, PanelIntentReplySchema, ['extension']),
  'host.workers.reset': route(Empty, WorkersResetSchema, ['extension']),
  'models.download': route(ModelIdSchema, Empty, ['extension']),
  'models.cancel': route(ModelIdSchema, Empty, ['extension']),
  'models.delete': route(ModelDeleteSchema, Empty, ['extension']),
  'models.remove': route(ModelDeleteSchema, Empty, ['extension']),
  'models.register': route(v.strictObject({ model: NewCustomModelSchema }), Empty, ['extension']),
  'models.storage': route(Empty, StorageReportSchema, ['extension']),
  /** Downloads no host runs any more (it went away while a page showed them) become paused. */
  'models.check': route(Empty, Empty, ['extension']),
  'host.models.download': route(ModelIdSchema, Empty, ['extension']),
  'host.models.cancel': route(ModelIdSchema, Empty, ['extension']),
  'host.models.delete': route(ModelDeleteSchema, Empty, ['extension']),
  'host.device.probe': route(Empty, DeviceProbeSchema, ['extension']),
  'host.stream.open': route(StreamOpenSchema, Empty, ['extension']),
  'content.page.stats': route(Empty, PageStatsSchema, ['extension']),
  'page.document': route(TabDocumentRequestSchema, PageDocumentSchema, ['extension']),
  'content.page.document': route(PageDocumentRequestSchema, PageDocumentSchema, ['extension']),
  'page.highlight': route(TabHighlightRequestSchema, HighlightReplySchema, ['extension']),
  'content.highlight': route(HighlightRequestSchema, HighlightReplySchema, ['extension']),
  'page.act': route(TabActRequestSchema, ActReplySchema, ['extension']),
  'content.act': route(ActRequestSchema, ActReplySchema, ['extension']),
  // Token count with a model's tokenizer: background → model host → that model's worker.
  'tokens.count': route(TokenCountRequestSchema, TokenCountSchema, ['extension']),
  'host.tokens.count': route(TokenCountRequestSchema, TokenCountSchema, ['extension']),
  'worker.tokens.count': route(TokenCountRequestSchema, TokenCountSchema, ['extension']),
  // Probe runs live in the model host (they outlive the popup); the background relays.
  'probes.start': route(ProbesStartSchema, ProbeRunIdSchema, ['extension']),
  'probes.cancel': route(ProbeRunIdSchema, Empty, ['extension']),
  'probes.status': route(Empty, ProbesStatusSchema, ['extension']),
  'host.probes.start': route(ProbesStartSchema, ProbeRunIdSchema, ['extension']),
  'host.probes.cancel': route(ProbeRunIdSchema, Empty, ['extension']),
  'host.probes.status': route(Empty, ProbesStatusSchema, ['extension']),
  // Math runs live in the model host too (one at a time); the background relays.
  'math.start': route(MathStartSchema, MathRunIdSchema, ['extension']),
  'math.cancel': route(MathRunIdSchema, Empty, ['extension']),
  'math.status': route(Empty, MathStatusSchema, ['extension']),
  'host.math.start': route(MathStartSchema, MathRunIdSchema, ['extension']),
  'host.math.cancel': route(MathRunIdSchema, Empty, ['extension']),
  'host.math.status': route(Empty, MathStatusSchema, ['extension']),
  // Stories are written in the model host too (one at a time, saved there); the background relays.
  'story.start': route(StoryStartSchema, StoryRunIdSchema, ['extension']),
  'story.stop': route(StoryRunIdSchema, Empty, ['extension']),
  'story.status': route(Empty, StoryStatusSchema, ['extension']),
  'host.story.start': route(StoryStartSchema, StoryRunIdSchema, ['extension']),
  'host.story.stop': route(StoryRunIdSchema, Empty, ['extension']),
  'host.story.status': route(Empty, StoryStatusSchema, ['extension']),
  'worker.device.probe': route(Empty, DeviceProbeSchema, ['extension']),
  'worker.model.load': route(ModelRequestSchema, EngineInfoSchema, ['extension']),
  'worker.model.unload': route(Empty, Empty, ['extension']),
  'worker.abort': route(AbortRequestSchema, Empty, ['extension']),
  // Test hooks for GPU device loss: reachable only from the service worker's test scope, relayed host → worker.
  'host.test.loseDevice': route(v.strictObject({ model: v.pipe(v.string(), v.maxLength(200)) }), DeviceDestroyedSchema, ['extension']),
  'worker.test.loseDevice': route(Empty, DeviceDestroyedSchema, ['extension']),
  // Automation runs live in the model host (they outlive the side panel); the background relays.
  'automate.start': route(AutomateStartSchema, AutomateRunIdSchema, ['extension']),
  'automate.state': route(AutomateTabSchema, AutomateStateSchema, ['extension']),
  'automate.respond': route(AutomateRespondSchema, Empty, ['extension']),
  'automate.stop': route(AutomateRunIdSchema, Empty, ['extension']),
  'host.automate.start': route(AutomateStartSchema, AutomateRunIdSchema, ['extension']),
  'host.automate.state': route(AutomateTabSchema, AutomateStateSchema, ['extension']),
  'host.automate.respond': route(AutomateRespondSchema, Empty, ['extension']),
  'host.automate.stop': route(AutomateRunIdSchema, Empty, ['extension']),
  /** The model host tells the background what a tab's run waits for: the toolbar button says so on that tab. */
  'automate.waiting': route(AutomateWaitingSchema, Empty, ['extension']),
  /** The background saw the tab close: its run stops and its stored record goes. */
  'host.automate.tabClosed': route(AutomateTabSchema, Empty, ['extension']),
} as const;

export type Kind = keyof typeof routes;
export type RequestOf<K extends Kind> = v.InferInput<(typeof routes)[K]['request']>;
export type ResponseOf<K extends Kind> = v.InferOutput<(typeof routes)[K]['response']>;

export function isKind(kind: string): kind is Kind {
  return Object.prototype.hasOwnProperty.call(routes, kind);
}

export type Receiver = 'background' | 'host' | 'content' | 'worker';
export function receiverOf(kind: Kind): Receiver {
  if (kind.startsWith('host.')) return 'host';
  if (kind.startsWith('content.')) return 'content';
  if (kind.startsWith('worker.')) return 'worker';
  return 'background';
}

/**
 * Streaming kinds (ports): one request, events, one result. `generate` is what surfaces open to the background;
 * the background relays it as `host.generate` to the model host, which runs it in the model's worker.
 */
const generateStream = (kind: string) => ({
  kind, request: GenerateRequestSchema, event: GenerateEventSchema, response: GenerateResultSchema,
}) satisfies StreamRoute<unknown, unknown, unknown>;

export const streamRoutes = {
  generate: generateStream('generate'),
  'host.generate': generateStream('host.generate'),
  'worker.generate': generateStream('worker.generate'),
  /** Loads a web-llm model, which downloads its weights into web-llm's cache first: the Models tab's Download. */
  'worker.model.fetch': {
    kind: 'worker.model.fetch', request: ModelRequestSchema, event: FetchProgressEventSchema, response: EngineInfoSchema,
  } satisfies StreamRoute<unknown, unknown, unknown>,
} as const;
export type StreamKind = keyof typeof streamRoutes;
