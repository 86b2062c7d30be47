// Runs one pure function in a worker thread for tests/helpers/deadline.ts: a synchronous call that
// never returns (a backtracking regex) cannot be timed out from its own thread, only from another.
// Plain JS, loading the TypeScript module through tsx (workers do not inherit vitest's transform).
import { parentPort, workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { modulePath, exportPath, args } = workerData;
const mod = await tsImport(modulePath, import.meta.url);
const owner = exportPath.slice(0, -1).reduce((o, k) => o[k], mod);
parentPort.postMessage(owner[exportPath[exportPath.length - 1]](...args));
