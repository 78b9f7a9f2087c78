/**
 * The kernel owns the components of one engine run (feeds, later risk, execution, ML):
 * starts them in registration order, stops them in reverse, and reports every state change
 * on the bus as a `system` event so the UI and the logs see a faulted feed at once.
 */
import type { UtcMs } from '@shared/domain/brand';
import type { MessageBus } from './bus';
import type { Clock } from './clock';
import type { BaseComponent } from './lifecycle';
import type { Logger } from './logger';

export class Kernel {
  private readonly components: BaseComponent[] = [];
  private readonly unwatch: (() => void)[] = [];

  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Adds a component; it starts with the kernel. */
  register<C extends BaseComponent>(component: C): C {
    this.components.push(component);
    this.unwatch.push(
      component.onStateChange((state, fault) => {
        const message = fault ? `${state}: ${fault.message}` : state;
        if (state === 'faulted')
          this.log.error('component faulted', { component: component.name, error: fault });
        else this.log.info('component state', { component: component.name, state });
        this.bus.publish('system', {
          kind: 'component-state',
          component: component.name,
          message,
          at: this.clock.now() as UtcMs,
        });
      }),
    );
    return component;
  }

  /** Starts every component in order; on a failure stops the ones already started and rethrows. */
  async start(): Promise<void> {
    const started: BaseComponent[] = [];
    for (const c of this.components) {
      try {
        await c.start();
        started.push(c);
      } catch (e) {
        for (const s of started.reverse()) await s.stop().catch(() => undefined);
        throw e;
      }
    }
  }

  /** Stops every component in reverse order; a failing stop does not prevent the others. */
  async stop(): Promise<void> {
    for (const c of [...this.components].reverse()) {
      await c
        .stop()
        .catch((e: unknown) =>
          this.log.error('component failed to stop', { component: c.name, error: e }),
        );
    }
  }

  /** Stops and disposes every component. */
  async dispose(): Promise<void> {
    await this.stop();
    for (const c of [...this.components].reverse()) await c.dispose().catch(() => undefined);
    for (const u of this.unwatch.splice(0)) u();
  }
}
