import { DateTime } from 'luxon';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalTime, ZoneClock } from './zone-clock';

const wall = (iso: string): number => Date.parse(`${iso}Z`);

describe('ZoneClock', () => {
  it('matches luxon for local times away from DST changes, in many zones (property)', () => {
    const zones = [
      'America/New_York',
      'America/Chicago',
      'Asia/Jerusalem',
      'Australia/Sydney',
      'UTC',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (zone, utc) => {
          const t = Math.floor(utc / 60_000) * 60_000;
          const local = DateTime.fromMillis(t, { zone });
          const wallMs = t + local.offset * 60_000;
          const clock = new ZoneClock(zone);
          expect(clock.fromLocal(wallMs, t - 1)).toBe(LocalTime.Ok);
          // In a repeated hour both instants share the wall time; `after` picks this one.
          expect(clock.utc).toBe(t);
          expect(clock.offsetAtUtc(t)).toBe(local.offset * 60_000);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('takes the earlier instant of a repeated hour, then the later one once past it', () => {
    const c = new ZoneClock('America/Chicago');
    expect(c.fromLocal(wall('2024-11-03T01:30:00'))).toBe(LocalTime.Ok);
    expect(new Date(c.utc).toISOString()).toBe('2024-11-03T06:30:00.000Z'); // CDT
    const first = c.utc;
    expect(c.fromLocal(wall('2024-11-03T01:10:00'), first)).toBe(LocalTime.Ok);
    expect(new Date(c.utc).toISOString()).toBe('2024-11-03T07:10:00.000Z'); // CST, the second 01:10
  });

  it('reports the skipped hour as nonexistent', () => {
    const c = new ZoneClock('America/New_York');
    expect(c.fromLocal(wall('2024-03-10T02:30:00'))).toBe(LocalTime.Nonexistent);
    expect(c.fromLocal(wall('2024-03-10T03:00:00'))).toBe(LocalTime.Ok);
    expect(new Date(c.utc).toISOString()).toBe('2024-03-10T07:00:00.000Z');
  });

  it('rejects an unknown zone by name', () => {
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(/unknown time zone "Mars\/Olympus"/);
  });
});
