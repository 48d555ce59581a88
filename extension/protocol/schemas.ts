import * as v from 'valibot';
import { MAX_COLUMN_TEXTS } from './list-reads.ts';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));

export const Empty = v.strictObject({});

export const GpuInfoSchema = v.strictObject({
  available: v.boolean(),
  /** Why WebGPU is not usable, in words a user can act on. */
  reason: v.optional(text(500)),
  vendor: text(200),
  architecture: text(200),
  device: text(200),
  description: text(500),
  isFallbackAdapter: v.boolean(),
  features: v.array(text(100)),
  limits: v.record(text(100), v.number()),
});
export type GpuInfo = v.InferOutput<typeof GpuInfoSchema>;

export const WasmInfoSchema = v.strictObject({
  available: v.boolean(),
  simd: v.boolean(),
  threads: v.boolean(),
  crossOriginIsolated: v.boolean(),
});
export type WasmInfo = v.InferOutput<typeof WasmInfoSchema>;

/** What the model worker sees of the device: the facts that decide WebGPU vs WASM. */
/** Chrome's built-in model as `LanguageModel.availability()` reports it ('absent': no Prompt API). */
export const BuiltInAvailabilitySchema = v.picklist(['available', 'downloadable', 'downloading', 'unavailable', 'absent']);

export const DeviceProbeSchema = v.strictObject({
  gpu: GpuInfoSchema,
  wasm: WasmInfoSchema,
  builtin: BuiltInAvailabilitySchema,
  hardwareConcurrency: v.number(),
  deviceMemoryGb: v.optional(v.number()),
});
export type DeviceProbe = v.InferOutput<typeof DeviceProbeSchema>;

export const SystemInfoSchema = v.strictObject({
  ...DeviceProbeSchema.entries,
  extensionVersion: text(40),
  userAgent: text(500),
  /** The chain the request travelled, for the System tab: background → offscreen → worker. */
  route: v.array(text(40)),
  measuredAt: v.number(),
});
export type SystemInfo = v.InferOutput<typeof SystemInfoSchema>;

export const PageStatsSchema = v.strictObject({
  url: text(4000),
  title: text(1000),
  elementCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PageStats = v.InferOutput<typeof PageStatsSchema>;

export const TabRequestSchema = v.strictObject({ tabId });

export const FeatureSchema = v.picklist(['automate', 'math', 'story', 'probes']);
export type Feature = v.InferOutput<typeof FeatureSchema>;

/** What a context-menu click or a shortcut asked the side panel to do. */
export const PanelIntentSchema = v.strictObject({
  feature: FeatureSchema,
  text: text(20_000),
  createdAt: v.number(),
  /**
   * The scheme of the page the menu was used on ("https", "file", "data"…): Chrome hides the address of a page it
   * gives us no access to from the tab, but not from the click, and what the user can do about it depends on it.
   */
  pageScheme: v.optional(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9+.-]{0,31}$/))),
});
export type PanelIntent = v.InferOutput<typeof PanelIntentSchema>;

export const PanelIntentReplySchema = v.strictObject({ intent: v.nullable(PanelIntentSchema) });

export const WorkersResetSchema = v.strictObject({ terminated: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const PongSchema = v.strictObject({ tier: v.picklist(['extension', 'content']) });

export const BackendPreferenceSchema = v.picklist(['auto', 'webgpu', 'wasm']);
export type BackendPreference = v.InferOutput<typeof BackendPreferenceSchema>;

export const GenerateParamsSchema = v.strictObject({
  maxTokens: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(8192)),
  temperature: v.pipe(v.number(), v.minValue(0), v.maxValue(5)),
  topK: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000))),
  topP: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  repetitionPenalty: v.optional(v.pipe(v.number(), v.minValue(0.5), v.maxValue(3))),
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 32 - 1))),
  stop: v.optional(v.pipe(v.array(text(200)), v.maxLength(16))),
  stopAtEos: v.optional(v.boolean()),
  /** See GenerateParams.dropFrom (workers/engines/types.ts). */
  dropFrom: v.optional(v.picklist(['start', 'end'])),
});

export const ChatMessageSchema = v.strictObject({
  role: v.picklist(['system', 'user', 'assistant']),
  content: text(200_000),
});

/** JSON Schema (as JSON text) or an EBNF grammar, for engines that constrain decoding (web-llm). */
export const OutputConstraintSchema = v.strictObject({
  jsonSchema: v.optional(v.pipe(text(50_000), v.check((s) => {
    try {
      return typeof JSON.parse(s) === 'object';
    } catch {
      return false;
    }
  }, 'jsonSchema must be a JSON object in text form'))),
  grammar: v.optional(text(50_000)),
  /** Name-constrained scripts: `$name` references limited to these document names (ORT engines). */
  names: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200), v.regex(/^[\p{L}\p{M}\p{N}_]+$/u))), v.maxLength(5000))),
  /** With `names`: list names with their item fields, and element names (members after `$name.` are held to them). */
  api: v.optional(v.strictObject({
    lists: v.pipe(v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(100))),
      v.check((r) => Object.keys(r).length <= 5000, 'at most 5000 lists')),
    elements: v.pipe(v.array(v.pipe(v.string(), v.maxLength(200))), v.maxLength(5000)),
    /** Element name → its kind (button, text_input, checkbox…): only the methods that fit it may follow. */
    kinds: v.optional(v.pipe(v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.string(), v.maxLength(40))),
      v.check((r) => Object.keys(r).length <= 5000, 'at most 5000 kinds'))),
    /** Element methods the model may not write (the bundled script writer was never trained on `press`). */
    leaveOut: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20))),
    /** Select name → all its options: with `literals`, the value of `$name.select("…")` is one of them. */
    options: v.optional(v.pipe(v.record(v.pipe(v.string(), v.maxLength(200)), v.pipe(v.array(text(300)), v.maxLength(100))),
      v.check((r) => Object.keys(r).length <= 1000, 'at most 1000 selects'))),
  })),
  /** Quoted strings in a script copied from these texts (the task, the page document) (ORT engines). */
  literals: v.optional(v.pipe(v.array(text(200_000)), v.maxLength(8))),
  /** 'script': output kept a viable prefix of a valid script (ORT engines). */
  syntax: v.optional(v.picklist(['script'])),
  /** With `names`: names sharing words with `text` (the task) are preferred, `weight` logits per shared word. */
  preferNames: v.optional(v.strictObject({
    text: text(20_000), weight: v.pipe(v.number(), v.minValue(0), v.maxValue(20)), order: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(20))),
  })),
});

export const GenerateRequestSchema = v.pipe(v.strictObject({
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** Plain text; may be empty when `messages` carries a chat. */
  prompt: text(200_000),
  messages: v.optional(v.pipe(v.array(ChatMessageSchema), v.minLength(1), v.maxLength(64))),
  constraint: v.optional(OutputConstraintSchema),
  params: GenerateParamsSchema,
  backend: v.optional(BackendPreferenceSchema),
}), v.check((r) => r.prompt.length > 0 || Boolean(r.messages?.length), 'a request needs a prompt or messages'));
export type GenerateRequestPayload = v.InferOutput<typeof GenerateRequestSchema>;

export const EngineInfoSchema = v.strictObject({
  modelId: text(200),
  backend: v.picklist(['webgpu', 'wasm', 'builtin', 'replay']),
  fallbackReason: v.optional(text(1000)),
  contextLength: v.number(),
  loadMs: v.number(),
  constraints: v.optional(v.array(v.picklist(['json-schema', 'grammar', 'names', 'literals', 'syntax']))),
  graph: v.optional(text(300)),
});

export const DeviceDestroyedSchema = v.strictObject({ destroyed: v.boolean() });

export const GenerateEventSchema = v.variant('type', [
  v.strictObject({ type: v.literal('status'), stage: v.picklist(['queued', 'loading', 'generating']), engine: v.optional(EngineInfoSchema) }),
  v.strictObject({ type: v.literal('token'), text: text(10_000), tokenId: v.number() }),
]);
export type GenerateEvent = v.InferOutput<typeof GenerateEventSchema>;

/** A model another library downloads (web-llm): how far its own fetch and load is, as it reports it. */
export const FetchProgressEventSchema = v.strictObject({
  type: v.literal('progress'), fraction: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), text: text(500),
});
export type FetchProgressEvent = v.InferOutput<typeof FetchProgressEventSchema>;

export const GenerationStatsSchema = v.strictObject({
  backend: v.picklist(['webgpu', 'wasm', 'builtin', 'replay']),
  ttftMs: v.number(),
  prefillTokS: v.number(),
  decodeTokS: v.number(),
  tokensIn: v.number(),
  tokensOut: v.number(),
  totalMs: v.number(),
  promptTokensDropped: v.number(),
});

export const GenerateResultSchema = v.strictObject({
  type: v.literal('final'),
  text: text(1_000_000),
  tokenIds: v.array(v.number()),
  finishReason: v.picklist(['stop', 'length', 'abort', 'error']),
  stats: GenerationStatsSchema,
  engine: EngineInfoSchema,
});
export type GenerateResult = v.InferOutput<typeof GenerateResultSchema>;

export const ModelRequestSchema = v.strictObject({
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  backend: v.optional(BackendPreferenceSchema),
});

export const AbortRequestSchema = v.strictObject({ requestId: v.pipe(v.string(), v.maxLength(64)) });

/** The background asks the model host to connect back on a port named `host.generate:<streamId>`. */
export const StreamOpenSchema = v.strictObject({ streamId: v.pipe(v.string(), v.minLength(8), v.maxLength(64)) });

export const ModelIdSchema = v.strictObject({ model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) });
/** `force`: delete a model a running task is using (the task stops); without it that is a BusyError (`data.inUse`). */
export const ModelDeleteSchema = v.strictObject({ ...ModelIdSchema.entries, force: v.optional(v.boolean()) });

export const StorageReportSchema = v.strictObject({
  usageBytes: v.number(),
  quotaBytes: v.number(),
  models: v.array(v.strictObject({ id: text(200), state: text(20), bytes: v.number() })),
});

/**
 * Page → API document (issue 5): what the content script makes of a page for a model to program against.
 * Page text only ever appears in string fields (description, value, options, samples), never in names or kinds.
 */
const docName = v.pipe(v.string(), v.maxLength(200), v.regex(/^[\p{L}\p{M}\p{N}_]*$/u));
export const LocatorSchema = v.strictObject({
  by: v.picklist(['id', 'testid', 'role', 'text', 'href', 'css']),
  value: text(1000),
  role: v.optional(text(40)),
  /** CSS path of the shadow host or iframe the element lives in (`>>>` between levels); absent in the top document. */
  root: v.optional(text(2000)),
});
export const ElementKindSchema = v.picklist([
  'button', 'link', 'text_input', 'text_area', 'select', 'checkbox', 'radio', 'switch', 'slider', 'file_input',
  'editable', 'tab', 'menuitem', 'option', 'combobox', 'clickable',
  // Read-only: a status line, an alert, a log or an <output> (content/document/messages.ts).
  'message',
]);
export const ElementEntrySchema = v.strictObject({
  name: docName,
  kind: ElementKindSchema,
  description: text(300),
  inputType: v.optional(text(40)),
  placeholder: v.optional(text(300)),
  /** The words of the row it sits in, where controls named alike are told apart by number (`revoke_button_2` in "Staging"), or the day of a month it is in. */
  row: v.optional(text(100)),
  state: v.optional(v.strictObject({
    value: v.optional(text(1000)),
    checked: v.optional(v.boolean()),
    selected: v.optional(text(300)),
    disabled: v.optional(v.boolean()),
    expanded: v.optional(v.boolean()),
    pressed: v.optional(v.boolean()),
    current: v.optional(v.boolean()),
    required: v.optional(v.boolean()),
    readonly: v.optional(v.boolean()),
    /** The page marks it invalid (`aria-invalid`). */
    invalid: v.optional(v.boolean()),
    /** What the page says is wrong with it (its `aria-errormessage`, or what `aria-describedby` points at), while invalid. */
    error: v.optional(text(200)),
    /** The least and most it takes, as its markup says (a slider's `min`/`aria-valuemin`, a number's or date's `min`). */
    min: v.optional(text(40)),
    max: v.optional(text(40)),
    /** A slider's or number's step where it is not 1 (a value between steps is rounded, or refused by its form). */
    step: v.optional(text(40)),
  })),
  options: v.optional(v.pipe(v.array(text(300)), v.maxLength(100))),
  optionsTotal: v.optional(v.number()),
  effect: v.optional(text(1000)),
  /** It sends a search form (GET, marked as a search): sending it only reads, nothing to confirm. */
  searches: v.optional(v.literal(true)),
  /** It sends another form with GET, as its markup says (a chapter picker, a filter): it only reads, like a search. */
  reads: v.optional(v.literal(true)),
  sensitive: v.optional(v.boolean()),
  /** A password, card or one-time-code input by its type, autocomplete or dots, not only by its words (isSecretInput). */
  secretInput: v.optional(v.literal(true)),
  inViewport: v.optional(v.boolean()),
  locators: v.pipe(v.array(LocatorSchema), v.maxLength(8)),
});
export const ListSlotSchema = v.strictObject({
  name: docName,
  kind: v.union([v.literal('text'), ElementKindSchema]),
  /** Relative to an item, for `item.querySelector`. */
  selector: text(1000),
  /** The field is several elements side by side (a card's labels), the first found by the selector: read together. */
  repeated: v.optional(v.literal(true)),
});
export const ListEntrySchema = v.strictObject({
  name: docName,
  kind: v.literal('list'),
  description: text(300),
  count: v.number(),
  /**
   * How many items the page says the list has where it draws only some of them (a virtualized grid's
   * `aria-rowcount`, an item's `aria-setsize`): more than `count` (content/document/virtual.ts).
   */
  total: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** The list draws only the rows in view and does not say how many it has (rows of several heights between spacers). */
  more: v.optional(v.literal(true)),
  /** What the page says of how many items there are in all, where it shows a page of them ("Showing 1–10 of 87 results"). */
  countSaid: v.optional(text(100)),
  fields: v.pipe(v.array(docName), v.maxLength(32)),
  actions: v.pipe(v.array(docName), v.maxLength(32)),
  slots: v.pipe(v.array(ListSlotSchema), v.maxLength(64)),
  samples: v.pipe(v.array(v.record(docName, text(300))), v.maxLength(10)),
  /** A field's value for machines in the first item (`<time datetime>`: "2026-08-03" where it shows "Aug 3"), which `.value()` reads. */
  machineValues: v.optional(v.record(docName, text(100))),
  /** The field whose column header says the rows are sorted by it (`aria-sort`), and which way. */
  sortedBy: v.optional(v.strictObject({ field: docName, order: v.picklist(['ascending', 'descending']) })),
  /**
   * The items the page marks (a pagination's page, a wizard's step: `aria-current`; a tab's or option's `aria-selected`;
   * a filter chip's `aria-pressed`), by index in the list and words: the first few (content/document/item-marks.ts).
   */
  marked: v.optional(v.pipe(v.array(v.strictObject({
    index: v.pipe(v.number(), v.integer(), v.minValue(0)),
    mark: v.picklist(['current', 'selected', 'pressed', 'expanded', 'unread', 'disabled']),
    text: text(100),
  })), v.maxLength(4))),
  /** How many more items are marked than `marked` shows. */
  markedMore: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Relative to the list container, for `container.querySelectorAll`. */
  itemSelector: text(1000),
  locators: v.pipe(v.array(LocatorSchema), v.maxLength(8)),
  /**
   * Per item (in `itemSelector` order), the name its one control had as an entry before the list formed ('' for
   * none): a toolbar of eight named buttons becomes a list at nine, and scripts written for the eight still run.
   */
  itemNames: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(200), v.regex(/^[\p{L}\p{M}\p{N}_]*$/u))), v.maxLength(60))),
  /**
   * Where no selector picks exactly the items counted (a group of links among others, rows left out between them): each
   * item's CSS path from the container, in order, which the executor takes instead of `itemSelector`
   * (content/document/list-items.ts; limits MAX_ITEM_PATHS, MAX_ITEM_PATH there). Never rendered, never stored.
   */
  itemPaths: v.optional(v.pipe(v.array(text(1000)), v.maxLength(5000))),
  /**
   * Stored (a saved script's list, a site document's) without the `itemPaths` it had: `itemSelector` reaches more
   * than its items, so a replay refuses to count, index or go through it rather than overreach.
   */
  itemsInexact: v.optional(v.literal(true)),
});
export const SectionSchema = v.strictObject({
  name: docName,
  kind: v.picklist(['dialog', 'form', 'search', 'nav', 'header', 'footer', 'aside', 'main', 'region', 'frame', 'page', 'heading']),
  title: text(300),
  /** What a dialog says (its description: "“Website redesign” and its 14 tasks will be deleted."), before it is answered. */
  says: v.optional(text(300)),
  entries: v.pipe(v.array(v.union([ElementEntrySchema, ListEntrySchema])), v.maxLength(5000)),
});
export const PageDocumentSchema = v.strictObject({
  url: text(4000),
  title: text(1000),
  sections: v.pipe(v.array(SectionSchema), v.maxLength(2000)),
  /** Estimated tokens of the prompt form (chars/4 until a model tokenizer is supplied). */
  tokens: v.number(),
  truncated: v.boolean(),
  truncation: v.optional(v.strictObject({ reason: v.picklist(['nodes', 'time', 'entries']), visitedNodes: v.number() })),
  stats: v.strictObject({ nodes: v.number(), elements: v.number(), lists: v.number(), ms: v.number() }),
  /** Tab panels not shown now: their sections, and the tab (an entry name above) that shows them. */
  views: v.optional(v.pipe(v.array(v.strictObject({ via: text(200), sections: v.pipe(v.array(SectionSchema), v.maxLength(200)) })), v.maxLength(50))),
  /** The control the user last clicked on this page (locators taken at the click), for site-document edges. */
  lastClick: v.optional(v.strictObject({ locators: v.pipe(v.array(LocatorSchema), v.maxLength(8)), msAgo: v.number(), url: v.optional(v.pipe(v.string(), v.maxLength(4000))) })),
  /** Which document was read: a new one (after a navigation) has another id, even at the same address. */
  pageId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** What the reader could not read or use (a modal dialog open, frames of another origin), one line each. */
  notes: v.optional(v.pipe(v.array(text(600)), v.maxLength(10))),
  /** The HTTP status the document was loaded with (Navigation Timing), where the browser tells it. */
  httpStatus: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(999))),
});
export type Locator = v.InferOutput<typeof LocatorSchema>;
export type ElementKind = v.InferOutput<typeof ElementKindSchema>;
export type ElementEntry = v.InferOutput<typeof ElementEntrySchema>;
export type ListSlot = v.InferOutput<typeof ListSlotSchema>;
export type ListEntry = v.InferOutput<typeof ListEntrySchema>;
export type Section = v.InferOutput<typeof SectionSchema>;
export type PageDocument = v.InferOutput<typeof PageDocumentSchema>;
export const PageDocumentRequestSchema = v.strictObject({
  maxNodes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(200_000))),
  maxMs: v.optional(v.pipe(v.number(), v.minValue(10), v.maxValue(20_000))),
  /** Read once the page has been quiet this long (at most 2 s from the request): after a load, scripts still render. */
  settleMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000))),
});
export const TabDocumentRequestSchema = v.strictObject({ tabId, ...PageDocumentRequestSchema.entries });
export const HighlightRequestSchema = v.strictObject({
  locators: v.pipe(v.array(LocatorSchema), v.maxLength(8)),
  /** The box goes by itself unless the same call comes again within this time (the side panel repeats it while pointing). */
  keepMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(500), v.maxValue(60_000))),
});
export const TabHighlightRequestSchema = v.strictObject({ tabId, ...HighlightRequestSchema.entries });
/** `hidden`: the element is on the page without a box to outline (a hidden tab panel, display: none): nothing is drawn. */
export const HighlightReplySchema = v.strictObject({ found: v.boolean(), hidden: v.optional(v.boolean()) });

/**
 * Page actions (issue 6): the side panel asks the content-script executor to act on one element of the current
 * document, found again by its locators (for list items: the list's container, the item selector and index, and a
 * slot selector inside the item). `scroll` on a list (an item selector, no index) is `$list.scroll()`: the end of the
 * list into view, waiting for the items that loads; the answer's value is the list's length then.
 */
export const ACT_ACTIONS = [
  'click', 'type', 'press', 'select', 'check', 'uncheck', 'hover', 'scroll', 'text', 'value', 'exists', 'count', 'find',
  'waitFor', 'navigate',
  // The bridge's own: a submission the page made by itself after the last action, held back (confirmed: sent).
  'held',
  // The bridge's own reads of a list (page-bridge.ts): `texts` reads the text of items args[0]… (at most args[1] of
  // them) in one answer (`column`); `watch` answers true once the page has changed since the generation args[0] (false
  // after at most args[1] ms of no change).
  'texts', 'watch',
] as const;
export const ActTargetSchema = v.strictObject({
  locators: v.pipe(v.array(LocatorSchema), v.maxLength(8)),
  item: v.optional(v.strictObject({
    selector: text(1000), index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    /** The list's `itemPaths`: its items, one path each, in place of the selector. */
    paths: v.optional(v.pipe(v.array(text(1000)), v.maxLength(5000))),
    /** The entry name the item's control had (`itemNames`): the element found must still be named so. */
    named: v.optional(text(200)),
    /** The text find() matched the item by: an item at that index without it is looked for again by that text. */
    holds: v.optional(text(1000)),
  })),
  slot: v.optional(text(1000)),
  /** The slot is several elements side by side (a card's labels): `text` reads them all, joined by ", ". */
  slotAll: v.optional(v.literal(true)),
  /** The slot is where a bare click on the item goes (a row's link); a row without one takes the click itself. */
  slotOrItem: v.optional(v.boolean()),
  /** Locators read long ago (a saved script's list): a CSS path must match one element only, not the first of several. */
  strict: v.optional(v.boolean()),
  /** The `$name` (without `$`) and item field the script wrote: the executor's messages say that, not a locator. */
  name: v.optional(text(200)),
  field: v.optional(text(200)),
});
export const ActRequestSchema = v.strictObject({
  action: v.picklist(ACT_ACTIONS),
  target: v.optional(ActTargetSchema),
  args: v.pipe(v.array(v.union([v.pipe(v.string(), v.maxLength(10_000)), v.number()])), v.maxLength(4)),
  /** The user confirmed this irreversible action in the side panel. */
  confirmed: v.optional(v.boolean()),
  /** What the user confirmed: the executor's fingerprint of the live element; a changed element is asked about again. */
  fingerprint: v.optional(text(1200)),
  /** The panel's view of the page says this needs confirmation (the reason): the executor asks with the live label. */
  mustConfirm: v.optional(text(300)),
  /** The typed value came from the user in this run (task, ask() answer, saved-script parameter). */
  userSupplied: v.optional(v.boolean()),
  /**
   * The typed text is a secret the run lets go here only because the field is a password, card or code input
   * (secret-guard.ts): the executor types it only if the live field is one (isSecretInput).
   */
  secretInput: v.optional(v.literal(true)),
  /** The site the run belongs to: the executor refuses to act on a page of another origin (a redirect happened). */
  expectedOrigin: v.optional(text(200)),
  /** The document the run last saw (PageDocument.pageId): the executor refuses to act in another one. */
  expectedPageId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** Cap of the wait for the DOM to settle after acting (ms). */
  settleMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10_000))),
  /**
   * `waitFor`: the run acted before it, so a message (a status line, an alert) is waited for until it says something
   * new since the last action began, not what an earlier action left there (executor/message-news.ts).
   */
  afterAction: v.optional(v.literal(true)),
  /**
   * When the background stops waiting for the answer (epoch ms): a request the page lets through later (it was held
   * up behind a dialog of the page) is not done, since the run has already ended or moved on.
   */
  answerBy: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export const ActReplySchema = v.strictObject({
  value: v.optional(v.union([v.string(), v.number(), v.boolean(), v.null()])),
  /** The DOM changed after the action (the runner reads the document again). */
  changed: v.boolean(),
  /** The action started a navigation to another document. */
  navigated: v.boolean(),
  url: text(4000),
  /** The document the action ran in (see PageDocument.pageId). */
  pageId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /**
   * `texts`: the texts of items `from`… that stay what they are until the page changes, read at `generation` (what
   * `watch` takes); `total`, the list's length then.
   */
  /** A read's answer: the page's generation it was read at (texts held at another are of an earlier page state). */
  generation: v.optional(text(100)),
  column: v.optional(v.strictObject({
    from: v.pipe(v.number(), v.integer(), v.minValue(0)),
    texts: v.pipe(v.array(text(4000)), v.maxLength(MAX_COLUMN_TEXTS)),
    total: v.pipe(v.number(), v.integer(), v.minValue(0)),
    generation: text(100),
  })),
});
export const TabActRequestSchema = v.strictObject({ tabId, ...ActRequestSchema.entries });
export type ActRequest = v.InferOutput<typeof ActRequestSchema>;
export type ActReply = v.InferOutput<typeof ActReplySchema>;
export type ActTarget = v.InferOutput<typeof ActTargetSchema>;

/** Token count of a text with a model's own tokenizer (the Page tab's "N tokens (model X)"). */
export const TokenCountRequestSchema = v.strictObject({
  model: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  text: text(2_000_000),
});
export const TokenCountSchema = v.strictObject({ model: text(200), tokens: v.pipe(v.number(), v.integer(), v.minValue(0)) });
