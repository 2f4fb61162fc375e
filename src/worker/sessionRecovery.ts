/**
 * The training session's backends: starting one, switching on request, and carrying a run over to another backend
 * when the GPU is lost. On a GPU backend every evaluation also snapshots the weights (sessionCore.ts), so a lost
 * device costs at most the steps since the last evaluation.
 */
import { backendLabel, initBackend, onBackendLost, type BackendName } from '../engine/tf/backend';
import { Trainer } from '../engine/tf/trainer';
import { fusedStepEngine, fusedTrains } from '../engine/tf/fused/trainingEngine';
import { trainingWorkload } from '../engine/tf/trainWorkload';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../engine/training/config';
import { message, type SessionHost, type Snapshot } from './sessionCore';
import { SessionLoop } from './sessionLoop';

/** How long a failed WebGPU chunk waits for a device-lost report before it reports the error itself. */
export const LOST_GRACE_MS = 500;

/** Appended to the WebGPU backend's reason while the run's steps take the fused kernels. */
export const FUSED_NOTE = '; training steps run in fused WGSL kernels';

export class SessionRecovery extends SessionLoop {
  /** When the backend last reported a lost device. */
  private lastLostAt = -Infinity;
  protected readonly stopListening: () => void;

  constructor(host: SessionHost) {
    super(host);
    this.stopListening = onBackendLost((why, lost) => this.onBackendLost(why, lost));
  }

  protected fail(error: unknown): void {
    this.stop('an error');
    this.post(this.status());
    const report = (): void => this.post({ type: 'error', message: `Training stopped: ${message(error)}` });
    // On WebGPU a failing chunk is usually a symptom of a lost device, whose own report (a backend event with a
    // fallback notice) comes moments before or after; then this error says nothing new.
    if (this.backend?.name !== 'webgpu') return report();
    const failedAt = this.now();
    this.after(LOST_GRACE_MS, () => {
      if (Math.abs(this.lastLostAt - failedAt) > LOST_GRACE_MS) report();
    });
  }

  /** Starts `auto` on first use; auto times a few training steps of `config`'s network (measuredAuto.ts). */
  protected async ensureBackend(config: TrainConfig = DEFAULT_TRAIN_CONFIG): Promise<void> {
    if (this.backend) return;
    this.backend = await initBackend('auto', { workload: trainingWorkload(config) });
    this.post({ type: 'backend', ...this.backend });
  }

  protected async switchBackend(
    requested: Parameters<typeof initBackend>[0],
    replyTo: number,
    remeasure = false,
  ): Promise<void> {
    // Carry the model over as plain numbers: tensors must not straddle two backends.
    const carried = this.trainer ? await this.takeSnapshot(this.trainer) : null;
    this.trainer?.dispose();
    this.trainer = null;
    // auto times a few training steps of this run's network (the default one before the first configure).
    const workload = trainingWorkload(carried?.config ?? DEFAULT_TRAIN_CONFIG);
    this.backend = await initBackend(requested, { workload, remeasure });
    if (carried) this.restore(carried);
    this.post({ type: 'backend', replyTo, ...this.backend });
    if (carried) this.post(this.status());
  }

  private restore(s: Snapshot): void {
    this.trainer = new Trainer(s.config, {
      params: s.params,
      step: s.step,
      dataGeneration: s.dataGeneration,
    });
    this.prepareTrainer(this.trainer);
    this.chunkSteps = 1;
    if (this.mode !== 'diverged') this.mode = 'idle';
  }

  /**
   * On WebGPU, a run of an objective the fused kernels train takes its steps there (fused/trainingEngine.ts),
   * on the backend's own device; if they fail to build or a chunk fails, the run carries on with TF.js's ops and
   * the backend's notices say why.
   */
  protected override prepareTrainer(trainer: Trainer): void {
    const backend = this.backend;
    if (backend?.name !== 'webgpu' || !fusedTrains(trainer.config.objective)) return;
    trainer.stepEngineFactory = async (t) => {
      const engine = await fusedStepEngine(t, true);
      if (this.backend === backend && !backend.reason.includes(FUSED_NOTE)) {
        this.backend = { ...backend, reason: `${backend.reason}${FUSED_NOTE}` };
        this.post({ type: 'backend', ...this.backend });
      }
      return engine;
    };
    trainer.onStepEngineFailure = (reason) => {
      const current = this.backend;
      if (current?.name !== 'webgpu') return;
      this.backend = {
        ...current,
        reason: current.reason.replace(FUSED_NOTE, ''),
        fallbacks: [
          ...current.fallbacks,
          `The fused WebGPU training kernels failed (${reason}); training goes on with TF.js's WebGPU ops.`,
        ],
      };
      this.post({ type: 'backend', ...this.backend });
    };
  }

  private onBackendLost(why: string, lost: BackendName): void {
    this.lastLostAt = this.now();
    const wasPlaying = this.mode === 'playing';
    this.stop(why);
    // A chunk in flight on a lost WebGL context never finishes; tasks queued behind it (reset!) would wait forever.
    if (lost === 'webgl') this.queue.abandon();
    void this.queue.run(async () => {
      const snapshot = this.snapshot;
      try {
        this.trainer?.dispose();
      } catch {
        // The device is gone; its buffers go with it.
      }
      const config = this.trainer?.config ?? null;
      this.trainer = null;
      const what = lost === 'webgl' ? 'context' : 'device';
      const choice = await initBackend('auto', {
        skip: [lost],
        note: `the ${backendLabel(lost)} ${what} was lost`,
      });
      this.backend = {
        ...choice,
        fallbacks: [`${why[0].toUpperCase()}${why.slice(1)}; moved to ${choice.name}.`, ...choice.fallbacks],
      };
      this.post({ type: 'backend', ...this.backend });
      if (snapshot) this.restore(snapshot);
      else if (config) {
        this.replaceTrainer(new Trainer(config));
        await this.startFresh();
      }
      this.post(this.status());
      if (this.trainer) await this.broadcastEvaluation();
      // Playing carries on where it was, on the new backend.
      if (wasPlaying && this.trainer && this.mode === 'idle') {
        this.startPlaying({ clearRate: false });
        this.post(this.status());
      }
    });
  }
}
