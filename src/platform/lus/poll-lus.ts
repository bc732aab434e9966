/**
 * A polling loop for a relay: runs `ronde` again at once while it reports a full batch, otherwise
 * after the poll interval or as soon as `nudge()` says there is new work (a local commit). `stop()`
 * lets the running round finish. Plain class; the outbound and the signal relay run on it.
 */
export class PollLus {
  private loop: Promise<void> | null = null;
  private stopping = false;
  private woken = false;
  private wake: (() => void) | null = null;

  constructor(
    /** One round; true when it did a full batch and more work may be waiting. Never throws. */
    private readonly ronde: () => Promise<boolean>,
    private readonly pollIntervalMs: number,
  ) {}

  get running(): boolean {
    return this.loop !== null;
  }

  /** Starts the loop; `voorbij` runs after the last round (e.g. closing a channel). */
  start(voorbij: () => Promise<void> = async () => undefined): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run(voorbij).finally(() => {
      this.loop = null;
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await this.loop;
  }

  /** Look for work now instead of at the next poll. */
  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  private async run(voorbij: () => Promise<void>): Promise<void> {
    while (!this.stopping) {
      const vol = await this.ronde();
      if (!vol && !this.stopping) await this.idle();
    }
    await voorbij();
  }

  private idle(): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        this.woken = false;
        done();
      };
    });
  }
}
