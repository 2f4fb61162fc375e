/**
 * What one frame of a sampling run carries to the page, and when the expensive figures are recomputed.
 *
 * W1 and KS sort the particles (runMetrics.ts measured ≈ 0.09 s at 10⁵), which is far more than a frame, so:
 *  - while the run moves, the metrics come from a strided subsample of at most LIVE_SAMPLE particles (≈ 10 ms)
 *    and at most every LIVE_METRICS_MS; their sampling noise at 10⁴ (W1 ≈ 0.01) is below what the read-out
 *    shows moving;
 *  - once the run is over (or has diverged) they are computed once on every particle (W1 and KS on at most 10⁵,
 *    the engine's own cap) and kept: these are the numbers `run()` reports.
 */
import type { Mixture } from '../engine/mixture';
import { computeRunMetrics, histogramView } from '../engine/sampling';
import type { LevelSnapshotData, ParticleRun } from '../engine/tf/sampling';
import type { SamplerConfig, SamplerFrame, SamplerMetrics, SnapshotView } from './samplerProtocol';

export const LIVE_SAMPLE = 10_000;
export const LIVE_METRICS_MS = 200;

function snapshotView(s: LevelSnapshotData): SnapshotView {
  return {
    level: s.level,
    sigma: s.sigma,
    stepSize: s.stepSize,
    step: s.step,
    histogram: histogramView(s.histogram),
  };
}

export class FrameBuilder {
  private fresh = true;
  private lastMetricsAt = -Infinity;
  private final: SamplerMetrics | null = null;

  constructor(
    readonly runId: number,
    readonly run: ParticleRun,
    private readonly config: SamplerConfig,
    /** The σ the score really uses for a requested one (learned plain Langevin substitutes its own). */
    private readonly sigmaUsed: (sigma: number | undefined) => number | undefined,
  ) {}

  async build(): Promise<SamplerFrame> {
    const state = this.run.state();
    const histogram = histogramView(await this.run.histogram(this.config.histogramRange));
    let metrics: SamplerMetrics | null = null;
    if (state.done) metrics = await this.finalMetrics();
    else if (this.fresh || performance.now() - this.lastMetricsAt >= LIVE_METRICS_MS)
      metrics = await this.live();
    const frame: SamplerFrame = {
      runId: this.runId,
      fresh: this.fresh,
      state,
      sigmaUsed: this.sigmaUsed(state.sigma) ?? null,
      histogram,
      tracks: this.run.takeTracks(),
      weights: this.run.takeWeights(),
      snapshots: this.run.takeSnapshots().map(snapshotView),
      metrics,
    };
    this.fresh = false;
    return frame;
  }

  /** Every particle, once, after the run is over. */
  async finalMetrics(): Promise<SamplerMetrics> {
    if (!this.final) {
      const xs = await this.run.particles();
      this.final = { ...this.metricsOf(xs), final: true };
    }
    return this.final;
  }

  private async live(): Promise<SamplerMetrics> {
    this.lastMetricsAt = performance.now();
    const sample = await this.run.subsample(LIVE_SAMPLE);
    return { ...this.metricsOf(sample), final: false };
  }

  private metricsOf(xs: Float32Array): Omit<SamplerMetrics, 'final'> {
    const state = this.run.state();
    const level = this.config.kind === 'annealed' ? state.level + 1 : undefined;
    const m = computeRunMetrics(xs, this.config.mixture as Mixture, { step: state.step, level });
    return { ...m, n: this.run.n, sample: xs.length };
  }
}
