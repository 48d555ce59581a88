import { probeDevice } from './device-probe.ts';
import { serveWorker } from './serve.ts';

serveWorker({ 'worker.device.probe': () => probeDevice() });
