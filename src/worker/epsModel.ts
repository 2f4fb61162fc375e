/**
 * A trained ε-model loaded from its file's numbers, for learned-score diffusion sampling in the sampler worker:
 * ε_θ(x, t) on the current tensor backend, and the configuration it was trained with (its process).
 */
import { buildProcess } from '../engine/diffusion/processSpec';
import { epsAt } from '../engine/tf/eps/evaluate';
import type { EpsModel } from '../engine/tf/eps/learnedJob';
import type { LoadedModel } from '../engine/tf/modelFile';
import { ScoreNet } from '../engine/tf/net';

export class LoadedEpsModel implements EpsModel {
  readonly config: LoadedModel['config'];
  private readonly net: ScoreNet;

  constructor(model: LoadedModel) {
    this.config = model.config;
    this.net = ScoreNet.fromParams({ width: model.config.width, depth: model.config.depth }, model.params);
  }

  async epsAt(xs: ArrayLike<number>, t: number): Promise<Float32Array> {
    if (this.config.objective !== 'eps' || !this.config.diffusion)
      throw new Error('The model is a noise-conditional score network, not a time-conditional ε-model.');
    return epsAt(this.net, buildProcess(this.config.diffusion), xs, t);
  }

  dispose(): void {
    this.net.dispose();
  }
}
