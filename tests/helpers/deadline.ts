// Bounded work, asserted: calls an exported pure function in a worker thread and fails when it has
// not returned within `ms` (the worker is terminated). For the few tests that must show linear time
// on inputs where a regression would block the thread for hours, so the test fails instead of hanging.
import path from "node:path";
import { Worker } from "node:worker_threads";

export function callWithin<T>(ms: number, modulePath: string, exportPath: string[], ...args: unknown[]): Promise<T> {
  const worker = new Worker(path.resolve(import.meta.dirname, "deadline-worker.mjs"), {
    workerData: { modulePath: path.resolve(modulePath), exportPath, args },
  });
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${exportPath.join(".")} did not return within ${ms} ms`));
    }, ms);
    worker.once("message", (value: T) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
