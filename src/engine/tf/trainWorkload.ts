/**
 * The training page's workload for the measured `auto`: a throw-away Trainer of the given config (same network,
 * objective, batch and data as the run) stepping on whichever backend is active when it is created. Its steps
 * touch nothing of the real run: it has its own weights, optimiser and batches.
 */
import { cleanConfig, type TrainConfig } from '../training/config';
import type { Workload } from './measure';
import { Trainer } from './trainer';

export function trainingWorkload(config: TrainConfig): Workload {
  const c = cleanConfig(config);
  const layers = c.depth === 1 ? 'one hidden layer' : `${c.depth} hidden layers`;
  return {
    kind: 'training',
    unit: 'steps/s',
    what: `training steps of ${c.objective}, ${layers} of ${c.width}, batch ${c.batch}`,
    create() {
      const trainer = new Trainer(c);
      return {
        run: async (n) => {
          await trainer.train(n);
        },
        dispose: () => trainer.dispose(),
      };
    },
  };
}
