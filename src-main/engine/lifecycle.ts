/**
 * Component lifecycle: created → starting → running → stopping → stopped, with `faulted`
 * reachable from any transition that throws, and `disposed` as the terminal state.
 * The kernel starts components in registration order and stops them in reverse.
 */
export type ComponentState =
  'created' | 'starting' | 'running' | 'stopping' | 'stopped' | 'faulted' | 'disposed';

export interface Component {
  readonly name: string;
  readonly state: ComponentState;
  /** The error that faulted the component, if any. */
  readonly fault: Error | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

/** Converts anything thrown into an Error. */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * Base class implementing the state machine; subclasses override `onStart`/`onStop`/
 * `onDispose`. Illegal transitions throw.
 */
export abstract class BaseComponent implements Component {
  private current: ComponentState = 'created';
  private error: Error | undefined;
  private readonly listeners = new Set<(state: ComponentState, fault?: Error) => void>();

  constructor(readonly name: string) {}

  get state(): ComponentState {
    return this.current;
  }

  get fault(): Error | undefined {
    return this.error;
  }

  /** Observes state changes; returns the function that stops observing. */
  onStateChange(listener: (state: ComponentState, fault?: Error) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    if (this.current !== 'created' && this.current !== 'stopped') {
      throw new Error(`${this.name}: cannot start from state ${this.current}`);
    }
    this.transition('starting');
    try {
      await this.onStart();
      this.transition('running');
    } catch (e) {
      this.markFaulted(e);
      throw this.error;
    }
  }

  async stop(): Promise<void> {
    if (this.current !== 'running' && this.current !== 'faulted') return;
    this.transition('stopping');
    try {
      await this.onStop();
      this.transition('stopped');
    } catch (e) {
      this.markFaulted(e);
      throw this.error;
    }
  }

  async dispose(): Promise<void> {
    if (this.current === 'disposed') return;
    if (this.current === 'running') await this.stop().catch(() => undefined);
    try {
      await this.onDispose();
    } finally {
      this.transition('disposed');
      this.listeners.clear();
    }
  }

  /** Puts the component in `faulted` from inside (e.g. a feed whose source died). */
  protected markFaulted(e: unknown): void {
    this.error = toError(e);
    this.transition('faulted');
  }

  protected abstract onStart(): Promise<void> | void;
  protected abstract onStop(): Promise<void> | void;
  protected onDispose(): Promise<void> | void {}

  private transition(next: ComponentState): void {
    this.current = next;
    for (const l of [...this.listeners]) l(next, next === 'faulted' ? this.error : undefined);
  }
}
