import { extensionSelf, listenForMessages } from '../platform/index.ts';
import { createDispatcher } from '../protocol/dispatcher.ts';
import { WorkerPool } from './worker-pool.ts';

const pool = new WorkerPool({
  'device-probe': () =>
    new Worker(new URL('../../workers/device-probe.worker.ts', import.meta.url), { type: 'module', name: 'device-probe' }),
});

listenForMessages(createDispatcher('host', extensionSelf, {
  'host.device.probe': () => pool.get('device-probe').request('worker.device.probe', {}),
  'host.workers.reset': () => ({ terminated: pool.terminateAll() }),
}));
