/**
 * Settings: one schema (`@shared/settings/schema`), two backends — electron-store in the
 * app, a JSON file in the data dir for headless mode. Every write is validated as a whole
 * first; an invalid file is reported with its path and never overwritten silently.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  SettingsSchema,
  applySettingsPatch,
  defaultSettings,
  type Settings,
  type SettingsPatch,
} from '@shared/settings/schema';

/** Raw persistence of the settings object. */
export interface SettingsBackend {
  /** The stored value, or undefined when nothing is stored yet. */
  read(): unknown;
  write(value: Settings): void;
  /** Human-readable location for error messages. */
  readonly location: string;
}

/** Thrown when stored settings cannot be read or do not match the schema. */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
}

export class SettingsService {
  private current: Settings;
  private readonly listeners = new Set<(s: Settings) => void>();

  constructor(private readonly backend: SettingsBackend) {
    const raw = backend.read();
    if (raw === undefined) {
      this.current = defaultSettings();
      backend.write(this.current);
    } else {
      const parsed = SettingsSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SettingsFileError(
          `${backend.location}: invalid settings at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'unknown'}. ` +
            'Fix or remove the file; it was left untouched.',
        );
      }
      this.current = parsed.data;
    }
  }

  get(): Settings {
    return this.current;
  }

  /** Validates and stores a change; returns the new settings. Throws on invalid values. */
  update(patch: SettingsPatch): Settings {
    const next = applySettingsPatch(this.current, patch);
    this.backend.write(next);
    this.current = next;
    for (const l of [...this.listeners]) l(next);
    return next;
  }

  /** Observes changes; returns the function that stops observing. */
  onChange(listener: (s: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** Headless backend: `settings.json` written atomically (temp file + rename). */
export class JsonFileSettingsBackend implements SettingsBackend {
  constructor(readonly location: string) {}

  read(): unknown {
    if (!existsSync(this.location)) return undefined;
    const text = readFileSync(this.location, 'utf8');
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new SettingsFileError(
        `${this.location}: not valid JSON (${(e as Error).message}). Fix or remove the file; it was left untouched.`,
      );
    }
  }

  write(value: Settings): void {
    const tmp = `${this.location}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.location);
  }
}

/** The slice of electron-store's API the app backend needs. */
export interface ElectronStoreLike {
  readonly store: Record<string, unknown>;
  readonly path: string;
  set(value: Record<string, unknown>): void;
  clear(): void;
}

/** App backend over electron-store. */
export class ElectronStoreSettingsBackend implements SettingsBackend {
  constructor(private readonly store: ElectronStoreLike) {}

  get location(): string {
    return this.store.path;
  }

  read(): unknown {
    const value = this.store.store;
    return Object.keys(value).length === 0 ? undefined : value;
  }

  write(value: Settings): void {
    this.store.clear();
    this.store.set(value as unknown as Record<string, unknown>);
  }
}
