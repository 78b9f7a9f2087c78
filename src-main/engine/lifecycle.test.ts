import { describe, expect, it } from 'vitest';
import { BaseComponent, type ComponentState } from './lifecycle';

class Probe extends BaseComponent {
  calls: string[] = [];
  failStart = false;
  protected onStart(): void {
    this.calls.push('start');
    if (this.failStart) throw new Error('cannot start');
  }
  protected onStop(): void {
    this.calls.push('stop');
  }
  protected override onDispose(): void {
    this.calls.push('dispose');
  }
  fail(e: unknown): void {
    this.markFaulted(e);
  }
}

describe('component lifecycle', () => {
  it('moves created → running → stopped → disposed and reports each state', async () => {
    const c = new Probe('probe');
    const seen: ComponentState[] = [];
    c.onStateChange((s) => seen.push(s));
    await c.start();
    expect(c.state).toBe('running');
    await c.stop();
    await c.dispose();
    expect(seen).toEqual(['starting', 'running', 'stopping', 'stopped', 'disposed']);
    expect(c.calls).toEqual(['start', 'stop', 'dispose']);
  });

  it('is faulted, with the error kept, when start throws', async () => {
    const c = new Probe('probe');
    c.failStart = true;
    await expect(c.start()).rejects.toThrow('cannot start');
    expect(c.state).toBe('faulted');
    expect(c.fault?.message).toBe('cannot start');
  });

  it('refuses to start twice', async () => {
    const c = new Probe('probe');
    await c.start();
    await expect(c.start()).rejects.toThrow(/cannot start from state running/);
  });

  it('can be faulted from inside and still stopped and disposed', async () => {
    const c = new Probe('probe');
    await c.start();
    c.fail('feed died');
    expect(c.state).toBe('faulted');
    expect(c.fault?.message).toBe('feed died');
    await c.stop();
    expect(c.state).toBe('stopped');
    await c.dispose();
    expect(c.state).toBe('disposed');
  });

  it('stops a running component when disposed', async () => {
    const c = new Probe('probe');
    await c.start();
    await c.dispose();
    expect(c.calls).toEqual(['start', 'stop', 'dispose']);
  });
});
