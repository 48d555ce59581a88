/**
 * Where model files live on the device. Partial files carry a `.part` suffix and become complete only by `commit`
 * after verification, so nothing half-written is ever read as a model.
 */
export interface FileStore {
  size(path: string): Promise<number>;
  /** Appends chunks to a file (creating it), durable once `close` resolves. */
  openAppend(path: string): Promise<AppendHandle>;
  read(path: string): Promise<Uint8Array>;
  /** A file's bytes in pieces, for work over files too big to hold in memory at once (hashing a multi-GB part file). */
  chunks(path: string): AsyncIterable<Uint8Array>;
  truncate(path: string): Promise<void>;
  /** Atomically renames a verified `.part` to its final name. */
  commit(partPath: string, finalPath: string): Promise<void>;
  remove(path: string): Promise<void>;
  /** Removes everything under a folder prefix (e.g. one model). */
  removeFolder(folder: string): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export interface AppendHandle {
  write(chunk: Uint8Array): Promise<void>;
  /** Stores that write in place: makes what was written durable without closing. */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

/** In-memory store for unit tests (same semantics as the OPFS one). */
export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, Uint8Array>();

  async size(path: string) {
    return this.files.get(path)?.length ?? 0;
  }
  async openAppend(path: string): Promise<AppendHandle> {
    const chunks: Uint8Array[] = [];
    return {
      write: async (chunk) => void chunks.push(chunk.slice()),
      close: async () => {
        const existing = this.files.get(path) ?? new Uint8Array(0);
        const total = chunks.reduce((sum, c) => sum + c.length, existing.length);
        const merged = new Uint8Array(total);
        merged.set(existing);
        let offset = existing.length;
        for (const chunk of chunks) {
          merged.set(chunk, offset);
          offset += chunk.length;
        }
        this.files.set(path, merged);
      },
    };
  }
  async read(path: string) {
    const file = this.files.get(path);
    if (!file) throw new Error(`no file ${path}`);
    return file;
  }
  async *chunks(path: string) {
    const file = await this.read(path);
    for (let at = 0; at < file.length; at += 1 << 20) yield file.subarray(at, at + (1 << 20));
  }
  async truncate(path: string) {
    this.files.set(path, new Uint8Array(0));
  }
  async commit(partPath: string, finalPath: string) {
    const file = await this.read(partPath);
    this.files.delete(partPath);
    this.files.set(finalPath, file);
  }
  async remove(path: string) {
    this.files.delete(path);
  }
  async removeFolder(folder: string) {
    for (const path of [...this.files.keys()]) if (path.startsWith(`${folder}/`)) this.files.delete(path);
  }
  async exists(path: string) {
    return this.files.has(path);
  }
}
