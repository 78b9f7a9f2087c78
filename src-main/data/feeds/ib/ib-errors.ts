/**
 * Errors of the IB feed's request layer. Callers branch on the class: a closed session or a
 * timeout is retried after reconnecting, an IB error code is reported, and PacingViolationError
 * (in ib-pacing.ts) is retried by the pacing governor.
 */

/** The session ended (socket closed or reset) before the request was answered. */
export class ConnectionClosedError extends Error {
  override readonly name = 'ConnectionClosedError';
}

/** No answer within the allowed time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** TWS answered a request with an error code. */
export class IbRequestError extends Error {
  override readonly name = 'IbRequestError';
  constructor(
    readonly code: number,
    message: string,
    readonly reqId: number,
  ) {
    super(`IB error ${code}: ${message}`);
  }
}

/** No listed contract month is before its roll date: the feed cannot pick a front month. */
export class NoFrontMonthError extends Error {
  override readonly name = 'NoFrontMonthError';
}
