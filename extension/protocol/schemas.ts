import * as v from 'valibot';

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
export const DeviceProbeSchema = v.strictObject({
  gpu: GpuInfoSchema,
  wasm: WasmInfoSchema,
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
});
export type PanelIntent = v.InferOutput<typeof PanelIntentSchema>;

export const PanelIntentReplySchema = v.strictObject({ intent: v.nullable(PanelIntentSchema) });

export const WorkersResetSchema = v.strictObject({ terminated: v.pipe(v.number(), v.integer(), v.minValue(0)) });

export const PongSchema = v.strictObject({ tier: v.picklist(['extension', 'content']) });
