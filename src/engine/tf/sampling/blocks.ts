/**
 * Particles on the device in blocks, and what is read back from them.
 *
 * Why blocks: the learned score's hidden layers are [n, width] tensors; at n = 10⁶ and width 64 each is 256 MB,
 * and a forward pass holds several at once. Stepping BLOCK_SIZE particles at a time bounds that to ≈ 17 MB per
 * intermediate whatever n is, and costs nothing measurable (each op still sees 65,536 rows).
 *
 * Readbacks are few and small: a histogram is counted on the device (tf.bincount) and only its bins + 2
 * counts come back; gathers pick the few particles the page tracks.
 */
import type { Histogram, HistogramRange } from '../../sampling';
import { tf } from '../core';

export const BLOCK_SIZE = 65_536;

/** Sizes of the blocks that split n particles. */
export function blockSizes(n: number, size = BLOCK_SIZE): number[] {
  const sizes: number[] = [];
  for (let start = 0; start < n; start += size) sizes.push(Math.min(size, n - start));
  return sizes;
}

/**
 * Global particle indices (increasing) as per-block local index tensors (int32), so that concatenating
 * the per-block gathers in block order gives the particles in the order of `indices`.
 */
export class BlockGather {
  private readonly parts: { block: number; local: tf.Tensor1D }[] = [];
  readonly count: number;

  constructor(indices: ArrayLike<number>, blockSize: number) {
    this.count = indices.length;
    let i = 0;
    while (i < indices.length) {
      const block = Math.floor(indices[i] / blockSize);
      const local: number[] = [];
      while (i < indices.length && Math.floor(indices[i] / blockSize) === block)
        local.push(indices[i++] - block * blockSize);
      this.parts.push({ block, local: tf.tensor1d(local, 'int32') });
    }
  }

  /** The selected particles as one [count] tensor (call inside tf.tidy). */
  apply(blocks: readonly tf.Tensor1D[]): tf.Tensor1D {
    if (this.parts.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    const pieces = this.parts.map((p) => tf.gather(blocks[p.block], p.local) as tf.Tensor1D);
    return pieces.length === 1 ? pieces[0] : (tf.concat(pieces) as tf.Tensor1D);
  }

  dispose(): void {
    for (const p of this.parts) p.local.dispose();
  }
}

/**
 * Counts all particles into `range` on the device: bin j = ⌊(x − lo)·bins/(hi − lo)⌋ shifted by one, with
 * everything below lo in slot 0 and everything from hi up in slot bins + 1 (the JS histogram puts x = hi exactly
 * in the last bin; a float landing exactly on hi is the only difference). Particles are always finite here:
 * the run never commits a step that leaves them otherwise.
 */
export async function deviceHistogram(
  blocks: readonly tf.Tensor1D[],
  range: HistogramRange,
  n: number,
): Promise<Histogram> {
  const bins = Math.floor(range.bins);
  const scale = bins / (range.hi - range.lo);
  const counts = tf.tidy(() => {
    const none = tf.tensor1d([], 'float32');
    let total: tf.Tensor1D | null = null;
    for (const x of blocks) {
      const slot = tf.add(tf.clipByValue(tf.floor(tf.mul(tf.sub(x, range.lo), scale)), -1, bins), 1);
      const c = tf.bincount(tf.cast(slot, 'int32') as tf.Tensor1D, none, bins + 2);
      total = total ? tf.add(total, c) : c;
    }
    return total ?? tf.zeros([bins + 2]);
  });
  const data = await counts.data();
  counts.dispose();
  const out: Histogram = {
    lo: range.lo,
    hi: range.hi,
    bins,
    counts: new Float64Array(bins),
    density: new Float64Array(bins),
    below: data[0],
    above: data[bins + 1],
    nonFinite: 0,
    total: n,
  };
  const perDensity = n > 0 ? scale / n : 0;
  for (let j = 0; j < bins; j++) {
    out.counts[j] = data[j + 1];
    out.density[j] = data[j + 1] * perDensity;
  }
  return out;
}

/** Reads a [count] tensor built inside tidy and frees it. */
export async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  const data = (await t.data()) as Float32Array;
  t.dispose();
  return data;
}
