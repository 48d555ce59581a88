import { connectPort, extensionSelf, listenForMessages } from '../platform/index.ts';
import { createDispatcher } from '../protocol/dispatcher.ts';
import { streamRoutes } from '../protocol/messages.ts';
import { serveStream } from '../protocol/stream.ts';
import { AbortError, BusyError, ModelNotFoundError } from '../protocol/errors.ts';
import { database } from '../storage/db.ts';
import { DownloadService } from '../../models/downloads/download-service.ts';
import { OpfsFileStore } from '../../models/downloads/opfs-store.ts';
import { customRowEntry, resolveModel } from '../../models/registry.ts';
import { settingsRunStore } from '../features/math/last-run.ts';
import { MathSandbox } from '../features/math/sandbox-client.ts';
import { MathHost } from './math-host.ts';
import { StoryHost } from './story-host.ts';
import { settingsStoryStore } from '../features/story/current.ts';
import { saveStory } from '../features/story/library.ts';
import { ModelHost } from './model-host.ts';
import { ProbeHost } from './probes-host.ts';
import { WorkerPool } from './worker-pool.ts';
import { automationRuns } from '../features/automate/host-wiring.ts';
import { recordFirstToken } from '../storage/first-tokens.ts';
import { webLlmDownloads } from './web-llm-downloads.ts';

const pool = new WorkerPool((label) => {
  if (label === 'device-probe') {
    return new Worker(new URL('../../workers/device-probe.worker.ts', import.meta.url), { type: 'module', name: label });
  }
  // `tokens`: a model worker that only ever counts tokens (it reads tokenizer files, loads no weights).
  if (label.startsWith('model:') || label === 'tokens') {
    return new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: label });
  }
  return undefined;
});
const host = new ModelHost(pool, (request, result) => void recordFirstToken(request.model, result.stats).catch(() => undefined));
const downloads = new DownloadService({
  db: database(),
  store: new OpfsFileStore('models', () => new Worker(new URL('../../workers/opfs-writer.worker.ts', import.meta.url), { type: 'module', name: 'opfs-writer' })),
  fetch: (input, init) => fetch(input, init),
  freeBytes: async () => {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return quota - usage;
  },
  managed: webLlmDownloads(host),
  tryLoad: async (entry, signal) => {
    await host.generate({ model: entry.id, prompt: 'Once', params: { maxTokens: 1, temperature: 0 } }, () => undefined, signal);
  },
});

void downloads.recordMissingTraits(customRowEntry).catch(() => undefined);
// Downloads the last host was running when it went away are paused (with what is on disk), to resume or delete.
void downloads.recoverInterrupted((id) => resolveModel(id)).catch(() => undefined);

const probes = new ProbeHost(database(), (request, emit, signal) => host.generate(request, emit, signal));
// A run the browser (or a crash) interrupted goes on where it stopped, with its unfinished items only.
void probes.pump();

// Math runs: models through the same host, programs in the sandbox page embedded here (as the popup used to).
const mathSandbox = new MathSandbox();
const maths = new MathHost({
  store: settingsRunStore(database()),
  generate: (request, emit, signal) => host.generate(request, emit, signal),
  runProgram: (source, signal) => mathSandbox.run(source, signal),
  resolveModel: (id) => resolveModel(id),
});
// A run this host was running when it went away (browser closed, host restarted) is marked interrupted.
void maths.status();

const stories = new StoryHost({
  store: settingsStoryStore(database()),
  generate: (request, emit, signal) => host.generate(request, emit, signal),
  saveStory: (story) => saveStory(story, database()),
  resolveModel: (id) => resolveModel(id),
});
void stories.status();

async function entryFor(model: string) {
  const entry = await resolveModel(model);
  if (!entry) throw new ModelNotFoundError(`no model "${model}"`);
  return entry;
}

listenForMessages(createDispatcher('host', extensionSelf, {
  'host.device.probe': () => pool.get('device-probe').request('worker.device.probe', {}),
  'host.workers.reset': () => ({ terminated: pool.terminateAll() }),
  // A loaded model's own worker counts; otherwise the counting worker does, so counting a page's tokens never takes
  // a loaded model's place (at most two stay loaded).
  'host.tokens.count': async (payload) => {
    await entryFor(payload.model);
    if (pool.labels().includes(`model:${payload.model}`)) {
      return host.withModel(payload.model, (worker) => worker.request('worker.tokens.count', payload));
    }
    return pool.get('tokens').request('worker.tokens.count', payload);
  },
  'host.test.loseDevice': ({ model }) => pool.get(`model:${model}`).request('worker.test.loseDevice', {}),
  // Downloads run here so they outlive the popup; their progress lives in Dexie for every surface to read.
  'host.models.download': async ({ model }) => {
    void downloads.start(await entryFor(model));
    return {};
  },
  'host.models.cancel': async ({ model }) => {
    await downloads.cancel(await entryFor(model));
    return {};
  },
  'host.models.delete': async ({ model, force }) => {
    const entry = await resolveModel(model);
    // A row no entry resolves (a user-added model stored by an older version, a catalogue model since dropped) still
    // holds files: it is deleted whole.
    if (!entry && !(await database().models.get(model))) throw new ModelNotFoundError(`no model "${model}"`);
    if (host.inUse(model) && !force) {
      throw new BusyError(`"${entry?.name ?? model}" is in use by a running task: deleting it stops that task`, { inUse: true });
    }
    host.unload(model, new AbortError('stopped: the model was deleted'));
    await downloads.remove(entry ?? { id: model }, !entry);
    return {};
  },
  'host.probes.start': async (payload) => ({ runId: 'resume' in payload ? await probes.resume(payload.resume) : await probes.start(payload.config) }),
  'host.probes.cancel': async ({ runId }) => {
    await probes.cancel(runId);
    return {};
  },
  'host.probes.status': () => probes.status(),
  ...automationRuns((request, signal) => host.generate(request, () => undefined, signal)),
  'host.math.start': async (payload) => ({ runId: await maths.start(payload) }),
  'host.math.cancel': async ({ runId }) => {
    await maths.cancel(runId);
    return {};
  },
  'host.math.status': () => maths.status(),
  'host.story.start': async (payload) => ({ runId: await stories.start(payload) }),
  'host.story.stop': async ({ runId }) => {
    await stories.stop(runId);
    return {};
  },
  'host.story.status': () => stories.status(),
  // The host never listens for ports (see background/generate.ts); it connects back for each stream instead.
  'host.stream.open': ({ streamId }) => {
    serveStream(connectPort(`host.generate:${streamId}`), streamRoutes['host.generate'],
      (request, emit, signal) => host.generate(request, emit, signal));
    return {};
  },
}));
