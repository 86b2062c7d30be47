// A reusable "something happened" signal: wait(ms) resolves on the next notify() or after ms.
// A notify() with nobody waiting is remembered, so a wake-up that lands while the drain is busy
// (say, mid-claim) is never lost; extra wake-ups only cost one more look for work.
export class Wakeup {
  private waiters: (() => void)[] = [];
  private pending = false;

  notify(): void {
    if (!this.waiters.length) {
      this.pending = true;
      return;
    }
    const w = this.waiters;
    this.waiters = [];
    for (const resolve of w) resolve();
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      const self = this;
      function done() {
        clearTimeout(timer);
        self.waiters = self.waiters.filter((w) => w !== done);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}
