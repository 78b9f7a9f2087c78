/**
 * `POST /api/upload?name=FILE`: the raw file body is streamed to `<dataDir>/uploads` (never
 * held in memory), registered, and answered with its id for `startImport`. Headless mode's
 * counterpart of the Electron file dialog; the browser never learns a server path.
 */
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileRegistry } from '../data/import/file-registry';

export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/** A file name safe to keep in the uploads folder. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'upload';
  const cleaned = base
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 120);
  return cleaned || 'upload.csv';
}

export function handleUpload(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  dataDir: string,
  files: FileRegistry,
): void {
  const name = safeName(url.searchParams.get('name') ?? 'upload.csv');
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES) {
    res
      .writeHead(413, { 'Content-Type': 'text/plain' })
      .end(`${name}: larger than ${MAX_UPLOAD_BYTES} bytes`);
    return;
  }
  const dir = join(dataDir, 'uploads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${randomBytes(6).toString('hex')}-${name}`);
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  let size = 0;
  let failed = false;
  const fail = (status: number, message: string): void => {
    if (failed) return;
    failed = true;
    out.destroy();
    rmSync(path, { force: true });
    if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(message);
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_UPLOAD_BYTES) {
      fail(413, `${name}: larger than ${MAX_UPLOAD_BYTES} bytes`);
      req.destroy();
    }
  });
  req.on('aborted', () => fail(400, `${name}: upload aborted`));
  req.pipe(out);
  out.on('error', (e) => fail(500, `${name}: ${e.message}`));
  out.on('finish', () => {
    if (failed) return;
    const ref = files.register(path, name, size);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ref));
  });
}
