import type { Target } from './targets';

/**
 * One hostile request (or a few) replaying a finding of issue 17. To grow the suite, add a case
 * to one of the `findings-*.ts` tables: it runs against `serve` and `gateway`, and after it the
 * suite checks the process stayed up, kept `/healthz` prompt and saw no unhandled rejection.
 */
export interface HostileCase {
  /** The finding's number in issue 17 (a later issue's findings go on with their own ids). */
  finding: number | string;
  name: string;
  /** Only in these modes (default: both). */
  modes?: Target['mode'][];
  run(target: Target): Promise<void>;
}
