/**
 * The model registry: trained models under `<dataDir>/models/<id>/`, shipped ones under the
 * repository's `models/`, and `active.json` naming the active model and the ones it replaced
 * (so a promotion can be rolled back). Promotion writes the pointer atomically.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ModelMetadata } from './model-files';

export interface RegistryEntry {
  id: string;
  dir: string;
  shipped: boolean;
  metadata: ModelMetadata;
}

interface ActivePointer {
  active: string | null;
  /** Previously active ids, most recent last. */
  history: string[];
}

export class ModelRegistry {
  /** `userDir` = `<dataDir>/models`; `shippedDir` = the repository's `models/`. */
  constructor(
    readonly userDir: string,
    readonly shippedDir: string | null,
  ) {}

  /** Every model with a readable metadata.json, user models first, newest first. */
  list(): RegistryEntry[] {
    const read = (root: string | null, shipped: boolean): RegistryEntry[] => {
      if (root === null || !existsSync(root)) return [];
      const out: RegistryEntry[] = [];
      for (const id of readdirSync(root)) {
        const meta = join(root, id, 'metadata.json');
        if (id.includes('.tmp-') || !existsSync(meta)) continue;
        try {
          const metadata = JSON.parse(readFileSync(meta, 'utf8')) as ModelMetadata;
          out.push({ id, dir: join(root, id), shipped, metadata });
        } catch {
          // A half-written or foreign directory is not a model; it is skipped, not fatal.
        }
      }
      return out.sort((a, b) => b.metadata.createdAt.localeCompare(a.metadata.createdAt));
    };
    return [...read(this.userDir, false), ...read(this.shippedDir, true)];
  }

  find(id: string): RegistryEntry | undefined {
    return this.list().find((e) => e.id === id);
  }

  private pointerPath(): string {
    return join(this.userDir, 'active.json');
  }

  private readPointer(): ActivePointer {
    try {
      return JSON.parse(readFileSync(this.pointerPath(), 'utf8')) as ActivePointer;
    } catch {
      return { active: null, history: [] };
    }
  }

  private writePointer(p: ActivePointer): void {
    mkdirSync(this.userDir, { recursive: true });
    const tmp = `${this.pointerPath()}.tmp`;
    writeFileSync(tmp, JSON.stringify(p, null, 2));
    renameSync(tmp, this.pointerPath());
  }

  /** The active model: the promoted one, else the newest shipped one (the demo). */
  active(): RegistryEntry | undefined {
    const { active } = this.readPointer();
    const all = this.list();
    return (
      (active !== null ? all.find((e) => e.id === active) : undefined) ?? all.find((e) => e.shipped)
    );
  }

  /** Makes `id` active; the previous one can be restored with `rollback`. */
  promote(id: string): RegistryEntry {
    const entry = this.find(id);
    if (!entry) throw new Error(`no model '${id}' in the registry`);
    const p = this.readPointer();
    const current = this.active();
    if (current && current.id !== id) p.history.push(current.id);
    this.writePointer({ active: id, history: p.history });
    return entry;
  }

  /** Restores the previously active model; throws when there is none. */
  rollback(): RegistryEntry {
    const p = this.readPointer();
    const previous = p.history.pop();
    if (previous === undefined) throw new Error('no earlier model to roll back to');
    this.writePointer({ active: previous, history: p.history });
    const entry = this.find(previous);
    if (!entry) throw new Error(`the earlier model '${previous}' is no longer in the registry`);
    return entry;
  }
}
