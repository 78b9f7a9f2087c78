/**
 * Feeds the data store from main's pushed events: import progress and results for the
 * panel's job, and a fresh view of the store after every import. Subscribed for the whole
 * session, so closing the panel mid-import loses nothing.
 */
import type { Api } from '../ipc/api';
import { refreshInfo } from './data-actions';
import { useData } from './data-store';

/** Subscribes; returns the function that unsubscribes. */
export function subscribeDataEvents(api: Api): () => void {
  const data = useData.getState();
  const disposers = [
    api.onEvent('import.progress', data.applyProgress),
    api.onEvent('import.done', (d) => {
      data.applyDone(d);
      void refreshInfo(api);
    }),
    api.onConnection((c) => {
      if (c !== 'open') return;
      void refreshInfo(api).then(() => {
        // A job that ended while the connection was down never sent us its result: its
        // files go back to ready (the stored-data view shows what was imported).
        const { job, info } = useData.getState();
        if (job && info && info.activeJob !== job.jobId)
          data.applyDone({ jobId: job.jobId, cancelled: false, results: [] });
      });
    }),
  ];
  return () => disposers.forEach((d) => d());
}
