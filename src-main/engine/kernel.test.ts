import { describe, expect, it } from 'vitest';
import { MessageBus, type SystemEvent } from './bus';
import { ManualClock } from './clock';
import { Kernel } from './kernel';
import { BaseComponent } from './lifecycle';
import { MemorySink, createLogger } from './logger';

class Probe extends BaseComponent {
  constructor(
    name: string,
    private readonly journal: string[],
    private readonly failOnStart = false,
  ) {
    super(name);
  }
  protected onStart(): void {
    this.journal.push(`start ${this.name}`);
    if (this.failOnStart) throw new Error(`${this.name} broke`);
  }
  protected onStop(): void {
    this.journal.push(`stop ${this.name}`);
  }
}

function setup() {
  const bus = new MessageBus();
  const events: SystemEvent[] = [];
  bus.subscribe('system', (e) => events.push(e));
  const kernel = new Kernel(bus, new ManualClock(0), createLogger({ sinks: [new MemorySink()] }));
  return { kernel, events };
}

describe('kernel', () => {
  it('starts components in order, stops them in reverse, and reports each state on the bus', async () => {
    const { kernel, events } = setup();
    const journal: string[] = [];
    kernel.register(new Probe('feed', journal));
    kernel.register(new Probe('risk', journal));
    await kernel.start();
    await kernel.dispose();
    expect(journal).toEqual(['start feed', 'start risk', 'stop risk', 'stop feed']);
    expect(events.filter((e) => e.component === 'feed').map((e) => e.message)).toEqual([
      'starting',
      'running',
      'stopping',
      'stopped',
      'disposed',
    ]);
  });

  it('stops the started components when a later one fails to start', async () => {
    const { kernel, events } = setup();
    const journal: string[] = [];
    kernel.register(new Probe('feed', journal));
    kernel.register(new Probe('broker', journal, true));
    await expect(kernel.start()).rejects.toThrow('broker broke');
    expect(journal).toEqual(['start feed', 'start broker', 'stop feed']);
    expect(
      events.some((e) => e.component === 'broker' && e.message === 'faulted: broker broke'),
    ).toBe(true);
  });
});
