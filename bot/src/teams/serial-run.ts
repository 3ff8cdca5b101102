import type { Logger } from 'pino';

/**
 * One background job at a time that misses no request: asked while a run is going, it runs once
 * more after it, so whatever was written before the request is seen (a run that started earlier
 * may have passed it). Never two runs at once.
 */
export class SerialRun {
  private running: Promise<void> | null = null;

  run(work: () => Promise<void>): Promise<void> {
    if (this.running) return this.running.then(() => this.run(work));
    this.running = work().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}

/**
 * Starts `work` off the caller's path (on the next turn of the event loop): the caller has
 * committed its change and answers now; a failure is logged as `failed`.
 */
export function runSoon(work: () => Promise<void>, log: Logger, failed: string): void {
  setImmediate(() => void work().catch((err: unknown) => log.error({ err }, failed)));
}
