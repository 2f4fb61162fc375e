/** Steps per second over a sliding window of recent chunks (seconds of wall time, not of compute only). */
export class RateMeter {
  private samples: { time: number; steps: number }[] = [];

  constructor(private readonly windowMs = 2000) {}

  /** `steps` steps finished at `time` (ms); `start` is when the first of them began (after an idle gap). */
  add(steps: number, time: number, start?: number): void {
    if (this.samples.length === 0 && start !== undefined) this.samples.push({ time: start, steps: 0 });
    this.samples.push({ time, steps });
    while (this.samples.length > 2 && time - this.samples[1].time > this.windowMs) this.samples.shift();
  }

  rate(): number {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const steps = this.samples.slice(1).reduce((sum, s) => sum + s.steps, 0);
    const seconds = (last.time - first.time) / 1000;
    return seconds > 0 ? steps / seconds : 0;
  }

  clear(): void {
    this.samples = [];
  }
}
