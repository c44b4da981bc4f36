/**
 * When a crashed language server is started again, and what the user is told.
 * Editor-free (the error handler in serverRestarts.ts asks it), so unit tests
 * drive it with plain timestamps.
 *
 * The bound: a server that crashes 5 times within 3 minutes is not started
 * again (it would most likely crash at once again: a broken build, a file it
 * chokes on at start-up), so at most 4 restarts in any 3 minutes. A server
 * that crashes now and then, further apart, always comes back. The user hears
 * of the first restart once (later ones go to the log only) and of giving up.
 */
export const MAX_CRASHES = 5;
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

export type CrashVerdict = { restart: true; tell: 'restarted' | undefined; crashes: number } | { restart: false; tell: 'gave-up'; crashes: number };

export class CrashBudget {
  private readonly recent: number[] = [];
  private told = false;

  constructor(
    private readonly maxCrashes = MAX_CRASHES,
    private readonly windowMs = CRASH_WINDOW_MS,
  ) {}

  /** Records a crash at `now` (ms) and says whether to restart and what to tell the user. */
  crashed(now: number): CrashVerdict {
    while (this.recent.length && now - this.recent[0] >= this.windowMs) this.recent.shift();
    this.recent.push(now);
    const crashes = this.recent.length;
    if (crashes >= this.maxCrashes) return { restart: false, tell: 'gave-up', crashes };
    const tell = this.told ? undefined : 'restarted';
    this.told = true;
    return { restart: true, tell, crashes };
  }
}
