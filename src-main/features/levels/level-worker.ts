/**
 * A level worker thread's entry: computes one chunk of levels (`level-chunks.ts`) into
 * shared memory per request, for `LevelThreads` on the main thread. It stays up between
 * requests so a pool pays the thread's start once.
 */
import { parentPort } from 'node:worker_threads';
import { BarColumns } from '@shared/market/bar-columns';
import { fillLevels } from './level-batch';
import { LevelColumns } from './level-columns';
import type { LevelWorkerReply, LevelWorkerRequest } from './level-threads';

const port = parentPort;
if (port === null) throw new Error('level-worker runs as a worker thread');
port.on('message', (m: LevelWorkerRequest) => {
  let reply: LevelWorkerReply;
  try {
    const out = new LevelColumns(m.rows, m.out);
    const c = m.chunk;
    fillLevels(
      BarColumns.adopt(m.bars),
      c.firstBar,
      m.decisions,
      c.warmRow,
      c.rowFrom,
      c.rowTo,
      out,
    );
    reply = { id: m.id, ok: true };
  } catch (e) {
    reply = { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
