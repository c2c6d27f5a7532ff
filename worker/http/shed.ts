import { errorBody } from './errors';

export type SheddingLimits = {
  /** Requests worked on at once (those waiting on I/O: a remote database, a body still arriving). */
  maxInFlight: number;
  /**
   * How long the event loop may have been busy without a turn before new requests are shed.
   * With the embedded libSQL file every statement runs synchronously, so a burst queues in
   * front of the handlers (sockets not yet read), not inside them: this is the queue's age.
   */
  maxBusyMs: number;
};

const TICK_MS = 10;

/**
 * A bound on the work one process takes on. Past it a request is answered at once `503
 * overloaded` with `Retry-After` instead of queueing without end: the requests admitted keep a
 * bounded latency, the others know to come back.
 */
export function shedding<A extends unknown[]>(limits: SheddingLimits, handle: (req: Request, ...rest: A) => Response | Promise<Response>) {
  let inFlight = 0;
  let lastTick = performance.now();
  const counts = { admitted: 0, shed: 0 };
  // A timer that fires late means the loop was busy: the time since its last run is the queue's age.
  const timer = setInterval(() => { lastTick = performance.now(); }, TICK_MS);
  (timer as { unref?: () => void }).unref?.();
  const fetch = async (req: Request, ...rest: A): Promise<Response> => {
    if (inFlight >= limits.maxInFlight || performance.now() - lastTick > TICK_MS + limits.maxBusyMs) {
      counts.shed++;
      return Response.json(errorBody('overloaded', 'The server is busy; retry in a moment'), { status: 503, headers: { 'Retry-After': '1' } });
    }
    inFlight++;
    counts.admitted++;
    try {
      return await handle(req, ...rest);
    } finally {
      inFlight--;
    }
  };
  return { fetch, counts, stop: () => clearInterval(timer) };
}

/** Node's own answer to a request it could not parse (400) or whose headers are too large (431), in the API's error shape. */
export function rawErrorAnswer(errorCode: string | undefined): string {
  const tooLarge = errorCode === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify(tooLarge
    ? errorBody('headers_too_large', 'The request headers are too large')
    : errorBody('malformed_request', 'The request is not valid HTTP'));
  return `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
