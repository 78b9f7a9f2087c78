import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '@shared/settings/schema';
import {
  ElectronStoreSettingsBackend,
  JsonFileSettingsBackend,
  SettingsFileError,
  SettingsService,
  type ElectronStoreLike,
} from './settings-store';

const tmpFile = (): string => join(mkdtempSync(join(tmpdir(), 'nqh-settings-')), 'settings.json');

describe('settings', () => {
  it('starts from the DOMAIN.md defaults and writes them', () => {
    const file = tmpFile();
    const s = new SettingsService(new JsonFileSettingsBackend(file));
    expect(s.get().risk.defaultRiskPercent).toBe(1);
    expect(s.get().risk.accountFloorPercent).toBe(90);
    expect(s.get().risk.minRiskFraction).toBe(1 / 8);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(defaultSettings());
  });

  it('persists a valid change and reloads it', () => {
    const file = tmpFile();
    new SettingsService(new JsonFileSettingsBackend(file)).update({ ui: { timeframe: '15m' } });
    expect(new SettingsService(new JsonFileSettingsBackend(file)).get().ui.timeframe).toBe('15m');
  });

  it('rejects an invalid change and keeps the stored settings', () => {
    const file = tmpFile();
    const s = new SettingsService(new JsonFileSettingsBackend(file));
    const before = readFileSync(file, 'utf8');
    expect(() => s.update({ risk: { defaultRiskPercent: Number.NaN } })).toThrow();
    expect(() => s.update({ risk: { minStopTicks: 300, maxStopTicks: 200 } })).toThrow(
      /minStopTicks/,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(s.get().risk.defaultRiskPercent).toBe(1);
  });

  it('names the file and the field when the stored file is invalid, and leaves it untouched', () => {
    const file = tmpFile();
    writeFileSync(file, JSON.stringify({ risk: { defaultRiskPercent: 'high' } }));
    expect(() => new SettingsService(new JsonFileSettingsBackend(file))).toThrow(SettingsFileError);
    expect(() => new SettingsService(new JsonFileSettingsBackend(file))).toThrow(
      /settings\.json: invalid settings at risk\.defaultRiskPercent/,
    );
    writeFileSync(file, '{ not json');
    expect(() => new SettingsService(new JsonFileSettingsBackend(file))).toThrow(/not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
  });

  it('works over an electron-store backend', () => {
    let store: Record<string, unknown> = {};
    const fake: ElectronStoreLike = {
      get store() {
        return store;
      },
      path: '/fake/settings.json',
      set: (v) => {
        store = { ...store, ...v };
      },
      clear: () => {
        store = {};
      },
    };
    const s = new SettingsService(new ElectronStoreSettingsBackend(fake));
    s.update({ feed: { seed: 7 } });
    expect((store as Settings).feed.seed).toBe(7);
    expect(new SettingsService(new ElectronStoreSettingsBackend(fake)).get().feed.seed).toBe(7);
  });

  it('notifies listeners of a change', () => {
    const s = new SettingsService(new JsonFileSettingsBackend(tmpFile()));
    const seen: string[] = [];
    const stop = s.onChange((v) => seen.push(v.ui.timeframe));
    s.update({ ui: { timeframe: '5m' } });
    stop();
    s.update({ ui: { timeframe: '1h' } });
    expect(seen).toEqual(['5m']);
  });
});
