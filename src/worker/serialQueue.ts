/**
 * Runs async tasks one at a time, in the order they were queued. Everything that touches tensors in the worker
 * goes through one queue, so a reset never lands in the middle of a training chunk's readback.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    // The queue moves on whether the task succeeded or not; the caller sees the outcome through `result`.
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Lets the next task start without waiting for the ones queued so far. Only for work that can never finish:
   * a read on a lost WebGL context waits on a fence that never signals (engine/tf/contextLoss.ts).
   */
  abandon(): void {
    this.tail = Promise.resolve();
  }
}
