import { WorkerClient } from './worker-client.ts';

/** Named workers, started on first use and started again after a crash or a reset. */
export class WorkerPool {
  private readonly clients = new Map<string, WorkerClient>();

  constructor(private readonly spawn: (label: string) => Worker | undefined) {}

  get(label: string): WorkerClient {
    const existing = this.clients.get(label);
    if (existing?.alive) return existing;
    const worker = this.spawn(label);
    if (!worker) throw new Error(`no worker named "${label}"`);
    const client = new WorkerClient(worker, label);
    this.clients.set(label, client);
    return client;
  }

  /** Workers running now (a crashed one holds no model: it does not count toward the loaded models). */
  labels(): string[] {
    return [...this.clients].filter(([, client]) => client.alive).map(([label]) => label);
  }

  /** Stops one worker (e.g. to unload a model); the next `get` starts a fresh one. */
  /** `error`: what the work running on it fails with (default: the worker was stopped). */
  terminate(label: string, error?: Error): boolean {
    const client = this.clients.get(label);
    this.clients.delete(label);
    if (!client?.alive) return false;
    client.terminate('was stopped', error);
    return true;
  }

  terminateAll(): number {
    let count = 0;
    for (const label of [...this.clients.keys()]) if (this.terminate(label)) count += 1;
    return count;
  }
}
