/** A job the platform repeats on a timer (the simulator's tick, the relocker): start, stop, and whether it runs. */
export interface RepeatingTask {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

/**
 * Runs `job` every `intervalMs` once started; a failing run is logged and the next one still comes.
 * The timer never keeps the process alive.
 */
export function repeatingTask(job: () => unknown, intervalMs: number, what: string): RepeatingTask {
  let timer: NodeJS.Timeout | null = null;
  return {
    start() {
      if (timer) return;
      timer = setInterval(() => {
        try {
          job();
        } catch (error) {
          console.error(`${what} failed`, error);
        }
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get running() {
      return timer !== null;
    },
  };
}
