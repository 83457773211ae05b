// The worker thread of merge-off-thread.ts: merges a minutes log's Yjs updates into one.
import { parentPort } from "node:worker_threads";
import * as Y from "yjs";

parentPort.on("message", ({ id, updates }) => {
  try {
    parentPort.postMessage({ id, merged: Y.mergeUpdates(updates) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
