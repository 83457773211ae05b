import { Worker } from "node:worker_threads";

interface Reply {
  id: number;
  merged?: Uint8Array;
  error?: string;
}

/**
 * `Y.mergeUpdates` on a worker thread, for compaction. Merging 500 edits into a snapshot took 7–24 ms
 * of CPU in one go, and for that long no edit of any open document was relayed (the fan-out's p99);
 * on its own thread the relaying goes on meanwhile. One worker per process, started when first needed
 * and started again after a failure; it keeps the process alive only while a merge is waiting.
 */
class MergeThread {
  private readonly worker = new Worker(new URL("./merge-worker.mjs", import.meta.url));
  private readonly waiting = new Map<number, { resolve: (merged: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  failed = false;

  constructor() {
    this.worker.unref();
    this.worker.on("message", ({ id, merged, error }: Reply) => {
      const waiter = this.waiting.get(id);
      if (!waiter) return;
      this.settled(id);
      if (merged) waiter.resolve(merged);
      else waiter.reject(new Error(`merging the minutes' updates failed: ${error}`));
    });
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("exit", (code) => this.fail(new Error(`the merging thread stopped (exit ${code})`)));
  }

  merge(updates: Uint8Array[]): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, updates });
    });
  }

  private settled(id: number) {
    this.waiting.delete(id);
    if (this.waiting.size === 0) this.worker.unref();
  }

  private fail(error: Error) {
    this.failed = true;
    for (const [id, waiter] of this.waiting) {
      this.settled(id);
      waiter.reject(error);
    }
  }
}

let thread: MergeThread | undefined;

/** The updates merged into one, as `Y.mergeUpdates` would, without holding up this thread. */
export function mergeOffThread(updates: Uint8Array[]): Promise<Uint8Array> {
  if (!thread || thread.failed) thread = new MergeThread();
  return thread.merge(updates);
}
