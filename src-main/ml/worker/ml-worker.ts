/**
 * The ML worker thread's entry. Requests are handled one at a time except `cancel`, which
 * aborts the running training between two batches (the training loop yields to the event
 * loop after every batch, so the cancel message is read promptly).
 */
import { parentPort } from 'node:worker_threads';
import { initBackend } from '../backend';
import { cachedModel, explainSeries, predictSeries } from '../predict/series-predict';
import { runTrainJob } from '../train/train-job';
import type { MlRequest, MlResponse } from './ml-protocol';

const port = parentPort;
if (!port) throw new Error('ml-worker must run in a worker thread');
const post = (m: MlResponse): void => port.postMessage(m);
const running = new Map<string, AbortController>();
const ready = initBackend();

port.on('message', (m: MlRequest) => {
  if (m.type === 'cancel') {
    running.get(m.id)?.abort();
    return;
  }
  void (async () => {
    try {
      const backend = await ready;
      if (m.type === 'backend') {
        post({ type: 'backend', id: m.id, name: backend.name });
        return;
      }
      if (m.type === 'predict') {
        const predictions = await predictSeries(cachedModel(m.modelDir), m.series, m.last);
        post({ type: 'predicted', id: m.id, predictions });
        return;
      }
      if (m.type === 'explain') {
        const explanation = explainSeries(cachedModel(m.modelDir), m.series, m.time);
        post({ type: 'explained', id: m.id, explanation });
        return;
      }
      const abort = new AbortController();
      running.set(m.id, abort);
      try {
        const result = await runTrainJob(
          { ...m.spec, backend: backend.name },
          (progress) => post({ type: 'progress', id: m.id, progress }),
          abort.signal,
        );
        post({ type: 'trained', id: m.id, result });
      } finally {
        running.delete(m.id);
      }
    } catch (e) {
      post({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
    }
  })();
});
