/**
 * Work that must not hold up an answer (the local sign-in queue's deliveries): started at once,
 * its failure logged; `settled()` waits for what is still running.
 */
export class Background {
  private readonly pending = new Set<Promise<void>>();

  run(task: () => Promise<void>): void {
    const running: Promise<void> = task()
      .catch((e: unknown) => console.error('background task failed', { error: (e as Error).message }))
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  /** Resolves once every task started so far (and any they started) has finished. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
