/**
 * The training page's workload for the measured `auto`: a throw-away Trainer of the given config (same network,
 * objective, batch and data as the run) stepping on the candidate backend. Its steps touch nothing of the real
 * run: it has its own weights, optimiser and batches.
 *
 * On WebGPU the run trains through the fused kernels whenever they train its objective (fused/trainingEngine.ts,
 * what the training worker uses there), so that path is what is timed; any other objective is timed on TF.js's
 * ops, as it would run. If the fused kernels fail to build or run, the error reaches measure.ts, which drops the
 * candidate with that reason: the real run would then fall back to the ops path, but a rate for that path would
 * not be the rate of what the candidate was chosen to run.
 */
import { cleanConfig, type TrainConfig } from '../training/config';
import { fusedStepEngine, fusedTrains } from './fused/trainingEngine';
import type { Workload } from './measure';
import { Trainer, type StepEngine } from './trainer';

/** Makes the fused step engine for a trainer (a software adapter only when allowed). Tests pass a fake. */
export type FusedEngineFactory = (trainer: Trainer, allowSoftware: boolean) => Promise<StepEngine>;

export function trainingWorkload(
  config: TrainConfig,
  fusedEngine: FusedEngineFactory = fusedStepEngine,
): Workload {
  const c = cleanConfig(config);
  const layers = c.depth === 1 ? 'one hidden layer' : `${c.depth} hidden layers`;
  const fusable = fusedTrains(c.objective);
  return {
    kind: 'training',
    unit: 'steps/s',
    what:
      `training steps of ${c.objective}, ${layers} of ${c.width}, batch ${c.batch}` +
      (fusable ? '; on WebGPU through the fused kernels' : ''),
    create(on) {
      const trainer = new Trainer(c);
      const fused = on.name === 'webgpu' && fusable;
      // Made in the first (warm-up, untimed) step: that is where its shaders compile.
      let engine: StepEngine | null = null;
      return {
        run: async (n) => {
          if (!fused) {
            await trainer.train(n);
            return;
          }
          engine ??= await fusedEngine(trainer, on.software);
          await engine.train(n);
        },
        dispose: () => {
          engine?.dispose();
          trainer.dispose();
        },
      };
    },
  };
}
