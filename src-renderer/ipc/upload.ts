/**
 * Headless mode's file picking: a chosen File is POSTed raw to `/api/upload` on the page's
 * own origin, where main streams it to disk and mints the id `startImport` takes. XHR rather
 * than fetch because fetch reports no upload progress.
 */
import { ImportFileRefSchema, type ImportFileRef } from '@shared/contracts/ipc';

/** Uploads `file`; `onProgress` gets the bytes sent so far. Rejects with the server's message. */
export function uploadFile(
  file: File,
  onProgress: (loaded: number) => void,
): Promise<ImportFileRef> {
  const params = new URLSearchParams({ name: file.name });
  // A remote server wants its token on every request; the cookie usually carries it already.
  const token = new URLSearchParams(window.location.search).get('token');
  if (token) params.set('token', token);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?${params.toString()}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onerror = () => reject(new Error(`${file.name}: upload failed (network error)`));
    xhr.onabort = () => reject(new Error(`${file.name}: upload aborted`));
    xhr.onload = () => {
      if (xhr.status !== 200) {
        reject(new Error(xhr.responseText || `${file.name}: upload failed (HTTP ${xhr.status})`));
        return;
      }
      try {
        resolve(ImportFileRefSchema.parse(JSON.parse(xhr.responseText)));
      } catch {
        reject(new Error(`${file.name}: the server answered the upload with something unreadable`));
      }
    };
    xhr.send(file);
  });
}
