import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock } from './clock';

describe('ManualClock', () => {
  it('fires timers in due-time order as it advances', () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.at(3000, () => fired.push('c'));
    clock.at(2000, () => fired.push('b'));
    clock.at(2000, () => fired.push('b2'));
    const cancel = clock.at(2500, () => fired.push('cancelled'));
    cancel();
    clock.advanceTo(2500);
    expect(fired).toEqual(['b', 'b2']);
    expect(clock.now()).toBe(2500);
    clock.advanceTo(5000);
    expect(fired).toEqual(['b', 'b2', 'c']);
  });

  it('runs a timer scheduled by a timer within the same advance', () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.at(10, () => {
      fired.push(clock.now());
      clock.at(20, () => fired.push(clock.now()));
    });
    clock.advanceTo(30);
    expect(fired).toEqual([10, 20]);
  });
});

describe('ScaledClock', () => {
  it('runs `speed` times faster than the real clock', () => {
    let real = 0;
    const clock = new ScaledClock(1_000_000, 60, () => real);
    real = 1000;
    expect(clock.now()).toBe(1_000_000 + 60_000);
  });

  it('jumps forward but never backwards', () => {
    let real = 0;
    const clock = new ScaledClock(1_000_000, 1, () => real);
    clock.jumpTo(5_000_000);
    expect(clock.now()).toBe(5_000_000);
    clock.jumpTo(10);
    expect(clock.now()).toBe(5_000_000);
    real = 10;
    expect(clock.now()).toBe(5_000_010);
  });

  it('stands still while paused and changes speed without jumping', () => {
    let real = 0;
    const clock = new ScaledClock(1_000_000, 60, () => real);
    real = 1000;
    clock.pause();
    real = 5000;
    expect(clock.now()).toBe(1_060_000);
    clock.resume();
    real = 6000;
    expect(clock.now()).toBe(1_120_000);
    clock.setSpeed(1);
    real = 7000;
    expect(clock.now()).toBe(1_121_000);
    expect(() => clock.setSpeed(-1)).toThrow();
  });

  it('rejects a speed that is not positive and finite', () => {
    expect(() => new ScaledClock(0, 0)).toThrow();
    expect(() => new ScaledClock(0, Number.NaN)).toThrow();
  });

  it('fires a timer at the simulated instant', async () => {
    const clock = new ScaledClock(Date.now(), 1000);
    const due = clock.now() + 50_000; // 50 s simulated = 50 ms real
    const firedAt = await new Promise<number>((resolve) =>
      clock.at(due, () => resolve(clock.now())),
    );
    expect(firedAt).toBeGreaterThanOrEqual(due);
  });
});
