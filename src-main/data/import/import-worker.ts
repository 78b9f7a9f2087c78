/**
 * The import worker thread's entry: runs one job and exits. Imports are CPU- and I/O-bound
 * synchronous loops, kept off the main thread so the UI and the feed never stall; cancel
 * arrives through a shared Int32Array the loop polls.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runImportJob, type ImportJobSpec } from './import-job';

const { spec, cancelFlag } = workerData as { spec: ImportJobSpec; cancelFlag: Int32Array };
runImportJob(
  spec,
  (m) => parentPort?.postMessage(m),
  () => Atomics.load(cancelFlag, 0) === 1,
);
