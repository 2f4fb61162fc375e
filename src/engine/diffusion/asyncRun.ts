/**
 * The reverse-time run of reverseRun.ts on a score that answers asynchronously: a network on a tensor backend,
 * whose readback is a promise (a synchronous readback would block on WebGL and is not offered at all for
 * GPU-resident data on WebGPU).
 *
 * The update rules are not repeated here: the run's step program (steps.ts) yields each score request, and this
 * driver awaits the network before resuming it. The seeds, streams, grid, track choice and record schedule are
 * the shared ones, so with the same score DiffusionRun and this run produce the same particles bit for bit
 * (tests/unit/tf/eps-async-run.test.ts checks it). That is what makes exact-vs-learned a clean comparison: both
 * runs start from the same noise and draw the same step noise, and differ only by the score.
 */
import { ReverseRun, type ReverseRunOptions } from './reverseRun';

/** ∇log p_t at a batch, asynchronously; the result has the batch's length. */
export type AsyncTimeScore = (xs: Float64Array, t: number) => Promise<ArrayLike<number>>;

export interface AsyncRunOptions extends ReverseRunOptions {
  score: AsyncTimeScore;
}

export class AsyncDiffusionRun extends ReverseRun {
  private readonly score: AsyncTimeScore;

  constructor(options: AsyncRunOptions) {
    super(options);
    this.score = options.score;
  }

  /** Takes up to `count` steps, awaiting each score; resolves with whether the run is done. */
  async step(count = 1): Promise<boolean> {
    const program = this.program(count);
    const grad = this.buffers.grad;
    for (let request = program.next(); !request.done; request = program.next()) {
      grad.set(await this.score(request.value.xs, request.value.t));
      this.evaluations++;
    }
    return this.done;
  }
}
