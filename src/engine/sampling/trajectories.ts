/**
 * A few particles' paths for the time × x view: m tracked particles, their positions recorded every k steps
 * into a ring buffer of the last `capacity` records (older ones are overwritten, so memory stays fixed
 * however long the run plays).
 *
 * The tracked particles are spread evenly over the indices, i_j = ⌊(j + ½) n / m⌋. The initial draws are
 * independent across indices, so this is as good as a random choice, and it needs no generator.
 */

export interface TrajectoryOptions {
  /** Number of particles in the run. */
  n: number;
  /** How many to track (at most n). Default 40. */
  count?: number;
  /** Record every `every` steps (step 0, the initial state, is always recorded). Default 1. */
  every?: number;
  /** Records kept. Default 1,024. */
  capacity?: number;
}

export interface TrajectorySnapshot {
  /** The particle indices tracked, one per track. */
  indices: number[];
  /** The step of each record, oldest first (length T). */
  steps: number[];
  /** Positions, record-major: positions[t * tracks + j] is track j at steps[t]. Length T × tracks. */
  positions: Float32Array;
  tracks: number;
}

export class TrajectoryRecorder {
  readonly indices: Int32Array;
  readonly every: number;
  readonly capacity: number;
  private readonly buffer: Float32Array;
  private readonly stepOf: Float64Array;
  /** Slot of the next record. */
  private head = 0;
  private size = 0;

  constructor(options: TrajectoryOptions) {
    const n = Math.max(0, Math.floor(options.n));
    const count = Math.min(n, Math.max(0, Math.floor(options.count ?? 40)));
    this.every = Math.max(1, Math.floor(options.every ?? 1));
    this.capacity = Math.max(1, Math.floor(options.capacity ?? 1024));
    this.indices = new Int32Array(count);
    for (let j = 0; j < count; j++) this.indices[j] = Math.floor(((j + 0.5) * n) / count);
    this.buffer = new Float32Array(this.capacity * count);
    this.stepOf = new Float64Array(this.capacity);
  }

  /** Records the tracked particles of `xs` if `step` is a multiple of `every`. */
  record(step: number, xs: Float32Array): void {
    if (step % this.every !== 0) return;
    const m = this.indices.length;
    const base = this.head * m;
    for (let j = 0; j < m; j++) this.buffer[base + j] = xs[this.indices[j]];
    this.stepOf[this.head] = step;
    this.head = (this.head + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** The records in time order, copied out (plain data for a renderer or a worker message). */
  snapshot(): TrajectorySnapshot {
    const m = this.indices.length;
    const positions = new Float32Array(this.size * m);
    const steps: number[] = [];
    const oldest = (this.head - this.size + this.capacity) % this.capacity;
    for (let t = 0; t < this.size; t++) {
      const slot = (oldest + t) % this.capacity;
      steps.push(this.stepOf[slot]);
      positions.set(this.buffer.subarray(slot * m, slot * m + m), t * m);
    }
    return { indices: Array.from(this.indices), steps, positions, tracks: m };
  }
}
