/**
 * The loss curve at a bounded size: readings go into buckets of `width` consecutive steps, and whenever there
 * would be more than `maxPoints` buckets, neighbouring buckets merge and the width doubles. The curve stays
 * evenly spaced in steps from the first step to the last, with at most `maxPoints` points, however long the run.
 * Losses are added one step at a time, so the curve does not depend on how steps were grouped into chunks.
 */
export interface LossCurve {
  /** The last step of each point's bucket. */
  steps: number[];
  /** The mean loss over the bucket. */
  losses: number[];
}

export class LossHistory {
  private width = 1;
  private sums: number[] = [];
  private counts: number[] = [];
  private lastStep = 0;

  constructor(private readonly maxPoints = 500) {}

  /** The loss of training step `step` (1-based, increasing). Non-finite losses are left out. */
  add(step: number, loss: number): void {
    if (!Number.isFinite(loss) || step < 1) return;
    this.lastStep = Math.max(this.lastStep, step);
    let bucket = Math.floor((step - 1) / this.width);
    while (bucket >= this.maxPoints) {
      this.halve();
      bucket = Math.floor((step - 1) / this.width);
    }
    while (this.sums.length <= bucket) {
      this.sums.push(0);
      this.counts.push(0);
    }
    this.sums[bucket] += loss;
    this.counts[bucket] += 1;
  }

  private halve(): void {
    const sums: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < this.sums.length; i += 2) {
      sums.push(this.sums[i] + (this.sums[i + 1] ?? 0));
      counts.push(this.counts[i] + (this.counts[i + 1] ?? 0));
    }
    this.sums = sums;
    this.counts = counts;
    this.width *= 2;
  }

  curve(): LossCurve {
    const steps: number[] = [];
    const losses: number[] = [];
    for (let i = 0; i < this.sums.length; i++) {
      if (this.counts[i] === 0) continue;
      steps.push(Math.min(this.lastStep, (i + 1) * this.width));
      losses.push(this.sums[i] / this.counts[i]);
    }
    return { steps, losses };
  }

  clear(): void {
    this.width = 1;
    this.sums = [];
    this.counts = [];
    this.lastStep = 0;
  }
}
