/**
 * Sleeps that a wake-up ends early (the sync worker's loops, woken by the outbox's NOTIFY). A wake-up that
 * finds no loop asleep is kept for the next sleep: a loop still busy with the last batch when a save's
 * notification arrived would otherwise sleep through that save until its next poll (a second in the app).
 */
export class Wakeup {
  private readonly sleepers = new Set<() => void>();
  private missed = false;

  /** Resolves after `ms`, or at the next wake-up; at once if a wake-up came while nobody slept. */
  sleep(ms: number): Promise<void> {
    if (this.missed) {
      this.missed = false;
      return Promise.resolve();
    }
    const sleepers = this.sleepers;
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });
  }

  /** Ends every sleep now, or the next one when nobody sleeps. */
  wake(): void {
    if (this.sleepers.size === 0) this.missed = true;
    for (const done of [...this.sleepers]) done();
  }
}
