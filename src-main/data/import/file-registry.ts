/**
 * Files the trader chose for import, by id. Ids are minted here, in main — from the
 * Electron file dialog or a headless upload — so the renderer never names a path and
 * cannot make main read an arbitrary file.
 */
import { randomBytes } from 'node:crypto';
import type { ImportFileRef } from '@shared/contracts/ipc';

export class FileRegistry {
  private readonly files = new Map<string, { path: string; ref: ImportFileRef }>();

  register(path: string, name: string, size: number): ImportFileRef {
    const id = randomBytes(12).toString('base64url');
    const ref = { id, name, size };
    this.files.set(id, { path, ref });
    return ref;
  }

  /** The path of a registered file; throws for an id main never minted. */
  path(id: string): string {
    const f = this.files.get(id);
    if (!f) throw new Error(`unknown file id ${id}: choose or upload the file again`);
    return f.path;
  }

  name(id: string): string {
    return this.files.get(id)?.ref.name ?? id;
  }
}
