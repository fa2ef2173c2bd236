import type { EventEmitter } from 'node:events';
import type { Logger } from './logger';

/**
 * The last-resort policy of a serving process (`shopgraph serve`, `shopgraph gateway`) for faults
 * no code caught. Every promise ShopGraph starts is awaited or handled (issue 17, finding 1 was
 * one that was not, and Node's default ended the process on it); this is what happens if another
 * one slips through:
 *
 * - **unhandled rejection**: logged at `error` (redacted like every line), counted on `/metrics`
 *   (`shopgraph_process_faults_total{kind="unhandled_rejection"}`), and the process keeps serving.
 *   A rejection nobody awaited is a result nobody wanted: the function that produced it finished
 *   unwinding, so no state was left half-changed — ending every other request in flight over it
 *   would turn one bad request into an outage.
 * - **uncaught exception**: logged at `fatal`, counted, then the server closes gracefully (requests
 *   in flight finish, within the close's own cut-off) and the process exits with code 1. An
 *   exception thrown through the event loop may have stopped any code midway, leaving state
 *   inconsistent; Node's documentation says the process must not resume. The supervisor
 *   restarts it.
 */
export type ProcessFault = 'unhandled_rejection' | 'uncaught_exception';

const counts: Record<ProcessFault, number> = { unhandled_rejection: 0, uncaught_exception: 0 };

/** Faults seen by this process so far (one process, however many servers it runs). */
export function processFaultCounts(): Readonly<Record<ProcessFault, number>> {
  return { ...counts };
}

/** Options of {@link installProcessPolicy}. */
export interface ProcessPolicyOptions {
  logger: Logger;
  /** Closes the server gracefully (requests in flight finish). */
  shutdown: () => Promise<void>;
  /** @default process.exit */
  exit?: (code: number) => void;
  /** @default process */
  target?: EventEmitter;
  /** Longest wait for `shutdown` before exiting anyway. @default 15000 */
  shutdownTimeoutMs?: number;
}

/** What a fault's log line holds: an error through the redacting `err` serializer, else its type. */
function describe(reason: unknown): Record<string, unknown> {
  return reason instanceof Error ? { err: reason } : { reasonType: typeof reason };
}

/**
 * Installs the policy (see the top of this file).
 * @returns a function that removes it again
 */
export function installProcessPolicy(options: ProcessPolicyOptions): () => void {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onRejection = (reason: unknown) => {
    counts.unhandled_rejection += 1;
    options.logger.error({ fault: 'unhandled_rejection', ...describe(reason) }, 'unhandled promise rejection; still serving');
  };
  const onException = (error: unknown) => {
    counts.uncaught_exception += 1;
    options.logger.fatal({ fault: 'uncaught_exception', ...describe(error) }, 'uncaught exception; shutting down');
    if (stopping) return;
    stopping = true;
    const cutOff = setTimeout(() => exit(1), options.shutdownTimeoutMs ?? 15_000);
    cutOff.unref();
    options
      .shutdown()
      .catch((closeError: unknown) => {
        options.logger.error({ ...describe(closeError) }, 'shutdown after an uncaught exception failed');
      })
      .finally(() => {
        clearTimeout(cutOff);
        exit(1);
      });
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
