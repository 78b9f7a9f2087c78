/**
 * The main-side IPC router. One exhaustive handler object (a missing channel is a compile
 * error); every payload parsed with its channel's zod schema before a handler sees it;
 * every failure returned as a `{name, message}` error, never thrown across the boundary.
 * Electron's ipcMain binding and the headless WebSocket both dispatch through here.
 */
import {
  ipcContract,
  type Channel,
  type IpcResult,
  type ParsedRequest,
  type Response,
  type WireError,
} from '@shared/contracts/ipc';
import type { Logger } from '../engine/logger';

/** Who is calling, for logs and authorisation. */
export interface CallContext {
  readonly transport: 'electron' | 'headless';
  /** Identifies the connection or frame, for logs. */
  readonly caller: string;
}

export type Handlers = {
  readonly [C in Channel]: (
    request: ParsedRequest<C>,
    ctx: CallContext,
  ) => Promise<Response<C>> | Response<C>;
};

export class IpcError extends Error {
  constructor(
    override readonly name:
      'UnknownChannel' | 'InvalidPayload' | 'ForbiddenSender' | 'HandlerError',
    message: string,
  ) {
    super(message);
  }
}

function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

function toWire(e: unknown): WireError {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export class IpcRouter {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: Logger,
  ) {}

  /** Validates and runs one call. Never throws. */
  async dispatch(
    channel: unknown,
    payload: unknown,
    ctx: CallContext,
  ): Promise<IpcResult<unknown>> {
    if (!isChannel(channel)) {
      this.log.warn('ipc call on unknown channel rejected', {
        channel: String(channel),
        caller: ctx.caller,
      });
      return {
        ok: false,
        error: toWire(new IpcError('UnknownChannel', `unknown channel: ${String(channel)}`)),
      };
    }
    const parsed = ipcContract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : '(payload)';
      const message = `invalid payload for ${channel}: ${where}: ${issue?.message ?? 'invalid'}`;
      this.log.warn('ipc call with invalid payload rejected', {
        channel,
        caller: ctx.caller,
        message,
      });
      return { ok: false, error: toWire(new IpcError('InvalidPayload', message)) };
    }
    try {
      const handler = this.handlers[channel] as (req: unknown, c: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (e) {
      this.log.error('ipc handler failed', { channel, caller: ctx.caller, error: e });
      return { ok: false, error: toWire(e) };
    }
  }

  /** A rejection for a caller that failed the transport's own check (foreign frame, bad token). */
  static forbidden(reason: string): IpcResult<never> {
    return { ok: false, error: toWire(new IpcError('ForbiddenSender', reason)) };
  }
}
