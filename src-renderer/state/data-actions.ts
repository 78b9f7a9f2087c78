/**
 * What the Data panel's controls do: each call goes to main through the `Api`, and what
 * main answers lands in the data store (or, for the feed and clock, the workstation store).
 * Failures go to the error toast; main's message is shown as it is, since it says what to do.
 */
import type { Request } from '@shared/contracts/ipc';
import type { Api } from '../ipc/api';
import { uploadFile } from '../ipc/upload';
import { fromNyInput } from '../format';
import { useData, type ImportChoices } from './data-store';
import { useWorkstation } from './store';

const fail =
  (what: string) =>
  (e: unknown): void =>
    useWorkstation.getState().setError(`${what}: ${(e as Error).message}`);

/** Reloads what the market store holds. */
export function refreshInfo(api: Api): Promise<void> {
  return api
    .getDataInfo({})
    .then((info) => useData.getState().setInfo(info))
    .catch(fail('data info'));
}

/** Headless: uploads the picked files one after the other, each with its own progress. */
export async function uploadFiles(files: readonly File[]): Promise<void> {
  const data = useData.getState();
  const keys = files.map((f) => data.addFile({ name: f.name, size: f.size }));
  for (const [i, file] of files.entries()) {
    const key = keys[i] as string;
    try {
      const ref = await uploadFile(file, (uploaded) => data.patchFile(key, { uploaded }));
      data.patchFile(key, { id: ref.id, uploaded: file.size, status: 'ready' });
    } catch (e) {
      data.patchFile(key, {
        status: 'upload-failed',
        error: { name: 'UploadFailed', message: (e as Error).message, needs: null },
      });
    }
  }
}

/** Electron: main's file dialog; the chosen files arrive with their ids. */
export function chooseFiles(api: Api): Promise<void> {
  return api
    .chooseImportFiles({})
    .then(({ files }) => {
      const data = useData.getState();
      for (const f of files)
        data.addFile({ name: f.name, size: f.size, id: f.id, uploaded: f.size, status: 'ready' });
    })
    .catch(fail('choose files'));
}

/** The startImport request for `choices` (auto values are left out: main decides). */
function importRequest(fileIds: string[], c: ImportChoices): Request<'startImport'> {
  return {
    fileIds,
    symbol: c.symbol,
    ...(c.format !== 'auto' ? { format: c.format } : {}),
    ...(c.tz.trim() ? { tz: c.tz.trim() } : {}),
    ...(c.dateOrder !== 'auto' ? { dateOrder: c.dateOrder } : {}),
  };
}

/** Imports the given entries (by key) as one job, with the panel's options plus `override`. */
export function startImport(
  api: Api,
  keys: readonly string[],
  override: Partial<ImportChoices> = {},
): Promise<void> {
  const data = useData.getState();
  const entries = keys.flatMap((k) => data.files.filter((f) => f.key === k && f.id !== null));
  if (entries.length === 0) return Promise.resolve();
  const request = importRequest(
    entries.map((f) => f.id as string),
    { ...data.choices, ...override },
  );
  return api
    .startImport(request)
    .then(({ jobId }) => data.jobStarted({ jobId, keys: entries.map((f) => f.key) }))
    .catch(fail('import'));
}

/** Asks main to stop the running job; its file's transaction rolls back. */
export function cancelImport(api: Api): Promise<void> {
  const job = useData.getState().job;
  if (!job) return Promise.resolve();
  return api
    .cancelImport({ jobId: job.jobId })
    .then(() => undefined)
    .catch(fail('cancel import'));
}

/** Loads a file's quarantined rows once (by content hash). */
export function loadQuarantine(api: Api, sha256: string): void {
  const data = useData.getState();
  if (data.quarantine[sha256]) return;
  data.setQuarantine(sha256, { state: 'loading' });
  api
    .getQuarantine({ sha256, limit: 500 })
    .then(({ rows }) => data.setQuarantine(sha256, { state: 'loaded', rows }))
    .catch((e: unknown) =>
      data.setQuarantine(sha256, { state: 'failed', message: (e as Error).message }),
    );
}

/** The replay form's start time, or null (with the toast) when it names no time. */
function replayTime(): number | null {
  const t = fromNyInput(useData.getState().replayFrom);
  if (t === null) useWorkstation.getState().setError('replay: choose a New York date and time');
  return t;
}

/** Switches the feed to a replay of stored bars from the form's time and speed. */
export function startReplay(api: Api): Promise<void> {
  const from = replayTime();
  if (from === null) return Promise.resolve();
  const { feed, clock } = useWorkstation.getState();
  if (feed?.source === 'synthetic' && clock)
    useData.getState().setReplay({ syntheticSpeed: clock.speed });
  return api
    .setFeed({ source: 'replay', from, speed: useData.getState().replaySpeed })
    .then((status) => useWorkstation.getState().setFeed(status))
    .catch(fail('replay'));
}

/** Pause, resume, speed or seek of the running replay. */
export function controlReplay(api: Api, request: Request<'replayControl'>): Promise<void> {
  return api
    .replayControl(request)
    .then((tick) => useWorkstation.getState().setClock(tick))
    .catch(fail('replay'));
}

/** Seeks the running replay to the form's time. */
export function seekReplay(api: Api): Promise<void> {
  const to = replayTime();
  return to === null ? Promise.resolve() : controlReplay(api, { action: 'seek', to });
}

/** Back to the synthetic market, at the speed it had before the replay. */
export function backToSynthetic(api: Api): Promise<void> {
  const speed = useData.getState().syntheticSpeed;
  return api
    .setFeed({ source: 'synthetic', ...(speed !== null ? { speed } : {}) })
    .then((status) => useWorkstation.getState().setFeed(status))
    .catch(fail('synthetic market'));
}

/** Interactive Brokers (TWS or IB Gateway at the host, port and client id in settings). */
export function connectIb(api: Api): Promise<void> {
  return api
    .setFeed({ source: 'ib' })
    .then((status) => useWorkstation.getState().setFeed(status))
    .catch(fail('Interactive Brokers'));
}
