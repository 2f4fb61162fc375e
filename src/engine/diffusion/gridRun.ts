/** Where a run on a time grid stands: the grid, the steps taken, and what follows from them. */
export class GridRun {
  /** Steps taken so far. */
  stepIndex = 0;

  /** `times[0]` is where the run starts, `times[totalSteps]` where it ends. */
  constructor(readonly times: Float64Array) {}

  get totalSteps(): number {
    return this.times.length - 1;
  }
  get done(): boolean {
    return this.stepIndex >= this.totalSteps;
  }
  /** The time the particles are at now. */
  get time(): number {
    return this.times[this.stepIndex];
  }
}
