/**
 * Work that must not hold up an answer, such as the mail with a sign-in link: started at once,
 * its failure logged, and awaited by whoever owns the process before it may stop (the portal
 * Lambda awaits it after answering; `npm start` and tests keep running anyway).
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
