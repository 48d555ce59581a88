import { connectPort, extensionSelf, listenForMessages } from '../platform/index.ts';
import { createDispatcher } from '../protocol/dispatcher.ts';
import { streamRoutes } from '../protocol/messages.ts';
import { serveStream } from '../protocol/stream.ts';
import { ModelHost } from './model-host.ts';
import { WorkerPool } from './worker-pool.ts';

const pool = new WorkerPool((label) => {
  if (label === 'device-probe') {
    return new Worker(new URL('../../workers/device-probe.worker.ts', import.meta.url), { type: 'module', name: label });
  }
  if (label.startsWith('model:')) {
    return new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: label });
  }
  return undefined;
});
const host = new ModelHost(pool);

listenForMessages(createDispatcher('host', extensionSelf, {
  'host.device.probe': () => pool.get('device-probe').request('worker.device.probe', {}),
  'host.workers.reset': () => ({ terminated: pool.terminateAll() }),
  // The host never listens for ports (see background/generate.ts); it connects back for each stream instead.
  'host.stream.open': ({ streamId }) => {
    serveStream(connectPort(`host.generate:${streamId}`), streamRoutes['host.generate'],
      (request, emit, signal) => host.generate(request, emit, signal));
    return {};
  },
}));
