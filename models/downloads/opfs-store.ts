import type { AppendHandle, FileStore } from './file-store.ts';
import { WriterClient } from './opfs-writer-protocol.ts';

/**
 * Model files in the Origin Private File System: large, private to the extension, streamed in and out. Appends go
 * through a writer worker when one is given (in place, no swap copy; see workers/opfs-writer.worker.ts); without one
 * (tests, contexts that only read) through a writable stream.
 */
export class OpfsFileStore implements FileStore {
  private writer: WriterClient | undefined;

  constructor(private readonly rootName = 'models', private readonly startWriter?: () => Worker) {}

  private async directory(path: string, create: boolean): Promise<[FileSystemDirectoryHandle, string]> {
    const parts = path.split('/').filter(Boolean);
    const name = parts.pop();
    if (!name || parts.some((part) => part === '..' || part === '.')) throw new Error(`bad model file path "${path}"`);
    let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(this.rootName, { create: true });
    for (const part of parts) dir = await dir.getDirectoryHandle(part, { create });
    return [dir, name];
  }

  private async file(path: string, create = false): Promise<FileSystemFileHandle | undefined> {
    try {
      const [dir, name] = await this.directory(path, create);
      return await dir.getFileHandle(name, { create });
    } catch (error) {
      if ((error as DOMException).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  async size(path: string) {
    const handle = await this.file(path);
    return handle ? (await handle.getFile()).size : 0;
  }

  async openAppend(path: string): Promise<AppendHandle> {
    if (this.startWriter) {
      if (!this.writer || this.writer.stopped) this.writer = new WriterClient(this.startWriter());
      const writer = this.writer;
      const id = writer.newHandle();
      await writer.send({ op: 'open', handle: id, root: this.rootName, path });
      return {
        write: async (chunk) => void await writer.send({ op: 'write', handle: id, bytes: chunk }),
        flush: async () => void await writer.send({ op: 'flush', handle: id }),
        close: async () => void await writer.send({ op: 'close', handle: id }),
      };
    }
    const handle = (await this.file(path, true))!;
    const writable = await handle.createWritable({ keepExistingData: true });
    await writable.seek((await handle.getFile()).size);
    return {
      write: (chunk) => writable.write(chunk as Uint8Array<ArrayBuffer>),
      close: () => writable.close(),
    };
  }

  async read(path: string) {
    const handle = await this.file(path);
    if (!handle) throw new Error(`no file ${path}`);
    return new Uint8Array(await (await handle.getFile()).arrayBuffer());
  }

  async *chunks(path: string) {
    const handle = await this.file(path);
    if (!handle) throw new Error(`no file ${path}`);
    const reader = (await handle.getFile()).stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }

  async truncate(path: string) {
    const handle = await this.file(path, true);
    const writable = await handle!.createWritable({ keepExistingData: false });
    await writable.close();
  }

  async commit(partPath: string, finalPath: string) {
    const handle = await this.file(partPath);
    if (!handle) throw new Error(`no file ${partPath}`);
    const [dir, name] = await this.directory(finalPath, true);
    await dir.removeEntry(name).catch(() => {});
    await (handle as FileSystemFileHandle & { move(dir: FileSystemDirectoryHandle, name: string): Promise<void> }).move(dir, name);
  }

  async remove(path: string) {
    const [dir, name] = await this.directory(path, false).catch(() => [undefined, ''] as const);
    if (dir) await removeEntry(dir, name, false);
  }

  async removeFolder(folder: string) {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(this.rootName, { create: true });
    await removeEntry(root, folder, true);
  }

  async exists(path: string) {
    return (await this.file(path)) !== undefined;
  }
}

/**
 * Removes an entry; one that is not there is already gone. A file still locked by a writer that just stopped (its
 * sync handle is released when the worker is torn down) is tried again for a moment, then the error is reported:
 * bytes left behind silently would count against the quota unseen.
 */
async function removeEntry(dir: FileSystemDirectoryHandle, name: string, recursive: boolean): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await dir.removeEntry(name, { recursive });
      return;
    } catch (error) {
      const kind = (error as DOMException).name;
      if (kind === 'NotFoundError') return;
      if (kind !== 'NoModificationAllowedError' || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
    }
  }
}
