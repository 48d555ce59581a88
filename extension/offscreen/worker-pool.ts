import { WorkerClient } from './worker-client.ts';

/** Named workers, started on first use and started again after a crash or a reset. */
export class WorkerPool {
  private readonly clients = new Map<string, WorkerClient>();

  constructor(private readonly factories: Record<string, () => Worker>) {}

  get(label: string): WorkerClient {
    const existing = this.clients.get(label);
    if (existing?.alive) return existing;
    const factory = this.factories[label];
    if (!factory) throw new Error(`no worker named "${label}"`);
    const client = new WorkerClient(factory(), label);
    this.clients.set(label, client);
    return client;
  }

  terminateAll(): number {
    let count = 0;
    for (const client of this.clients.values()) {
      if (client.alive) count += 1;
      client.terminate('was reset');
    }
    this.clients.clear();
    return count;
  }
}
