/**
 * The sampler worker's logic: it answers protocol requests and owns the run, the tensor backend and the model.
 * A plain class with no Worker API in it (samplerEntry.ts passes messages in and out), so Node tests drive it.
 *
 * Which engine moves the particles:
 *  - the exact score on a machine without a usable GPU (auto without a hardware adapter, wasm, cpu): plain
 *    JavaScript (jsRun.ts gives the numbers: over 10× faster than tensor ops on a CPU). No tensor backend is started;
 *  - the exact score where the backend is a GPU (WebGPU on a hardware adapter, or WebGL): tensors, with the
 *    noise generated on the device, so nothing crosses the bus per step;
 *  - the learned score: tensors on the chosen backend, with the model from the train page;
 *  - on WebGPU (the learned score on any adapter, the exact score on a hardware one) the fused WGSL kernels of
 *    engine/gpu instead (engine/tf/fused/samplerRun.ts: one dispatch per chunk of steps, score and noise in-kernel).
 *    If they fail to start or fail mid-run, the run starts again on the tensor path and the engine event says why.
 * The diffusion page's learned-score jobs (sampleDiffusion, fused on WebGPU: learnedDiffusion.ts) run here too, on
 * the ε-model loaded the same way (store/learnedModel.ts copies it in). tfjs-backend-wasm's threaded build dies in
 * a minified bundle; backend.ts keeps wasm single-threaded, and this worker starts its backend only through
 * initBackend, so it inherits that fix.
 *
 * All tensor work runs through one SerialQueue. `runToEnd` queues one chunk at a time, so a configure or reset
 * that arrives meanwhile is seen between chunks and interrupts it.
 */
import { initBackend, type BackendChoice } from '../engine/tf/backend';
import { parseModelFile, type LoadedModel } from '../engine/tf/modelFile';
import { explainExactDivergence } from '../engine/sampling';
import {
  ExactTensorScore,
  JsParticleRun,
  LearnedTensorScore,
  planRun,
  TensorParticleRun,
  type ParticleRun,
} from '../engine/tf/sampling';
import { LearnedDiffusion } from './learnedDiffusion';
import { LoadedEpsModel } from './epsModel';
import { isModelOf, learnedStepsReply } from './learnedSteps';
import { runReflow } from './reflow';
import { FrameBuilder } from './samplerFrames';
import type { EngineEvent, SamplerConfig, SamplerEvent, SamplerRequest } from './samplerProtocol';
import { engineEvent, noticeFusedFailure, tensorFallback, withFusedFailure } from './samplerEngine';
import { SerialQueue } from './serialQueue';
import { configProblem } from './samplerConfig';
import { fusedContext } from '../engine/tf/fused/context';
import { FusedParticleRun } from '../engine/tf/fused/samplerRun';

export interface SamplerHost {
  post(event: SamplerEvent): void;
  /**
   * Resolves in a new task, after messages already waiting. runToEnd awaits it between chunks: a JS chunk
   * resolves as microtasks only, which would otherwise starve the message queue. Default: setTimeout(0).
   */
  yieldTurn?(): Promise<void>;
}

const FUSED_LEARNED_REASON =
  'learned score: the network evaluated inside one GPU kernel per chunk of steps, with particles, noise and histogram counts kept on the GPU';
const FUSED_EXACT_REASON =
  'exact score: the formula evaluated inside one GPU kernel per chunk of steps, with particles, noise and histogram counts kept on the GPU';

/** Stepping time per queued chunk of runToEnd: requests that arrive meanwhile wait at most this long. */
const RUN_CHUNK_MS = 250;

/** Shown to readers under the engine's name: what runs and why, without the library's vocabulary. */
const JS_REASON =
  'the exact score is a formula, so ordinary code moves the particles in a background thread; without a graphics card that is over ten times faster than the neural-network library';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SamplerService {
  private readonly queue = new SerialQueue();
  private tensorBackend: { request: string; choice: BackendChoice } | null = null;
  private hardwareGpu: boolean | null = null;
  private model: LoadedModel | null = null;
  private learned: LearnedTensorScore | null = null;
  /** The loaded model as an ε-model for diffusion jobs (built on first use, on the current backend). */
  private eps: LoadedEpsModel | null = null;
  /** Counts sampleDiffusion requests: only the latest job keeps running. */
  private diffusionJob = 0;
  private readonly diffusion = new LearnedDiffusion();
  /**
   * The last VP ε-model loaded, kept when a model of another kind replaces it in `model`, so the flow-matching
   * figure can draw the VP probability-flow ODE's learned curve beside the velocity model's.
   */
  private vpModel: LoadedModel | null = null;
  private vpEps: LoadedEpsModel | null = null;
  /** Counts learnedSteps and reflow requests: only the latest of each keeps running. */
  private stepsJob = 0;
  private reflowJob = 0;
  private config: SamplerConfig | null = null;
  private frames: FrameBuilder | null = null;
  private runId = 0;
  /** Counts configures and resets: a runToEnd started before one stops. */
  private epoch = 0;
  /** Why the fused kernels failed in this worker, once they have: later runs go straight to tensors. */
  private fusedFailure: string | null = null;

  private readonly yieldTurn = () => this.host.yieldTurn?.() ?? new Promise<void>((go) => setTimeout(go, 0));

  constructor(private readonly host: SamplerHost) {}

  handle(request: SamplerRequest): void {
    const id = request.id;
    switch (request.type) {
      case 'configure': {
        const problem = configProblem(request.config);
        if (problem)
          return this.host.post({ type: 'error', replyTo: id, message: `Bad sampler setting: ${problem}.` });
        this.epoch++;
        this.task(id, async () => {
          await this.start(request.config);
          this.host.post({ type: 'frame', replyTo: id, frame: await this.need().build() });
        });
        return;
      }
      case 'loadModel': {
        // Checked in full before anything changes: a bad file leaves the model in use untouched.
        const parsed = parseModelFile(request.json);
        if (!parsed.ok) return this.host.post({ type: 'error', replyTo: id, message: parsed.error });
        this.task(id, () => {
          this.disposeModelTensors();
          this.model = parsed.model;
          if (isModelOf(parsed.model.config, 'vp', parsed.model.config.mixture)) this.vpModel = parsed.model;
          this.host.post({
            type: 'model',
            replyTo: id,
            model: { config: parsed.model.config, step: parsed.model.step },
          });
        });
        return;
      }
      case 'advance':
        this.task(id, async () => {
          const frames = this.need();
          if (!frames.run.state().done) await this.advanceRun(Math.max(1, request.steps), request.budgetMs);
          this.host.post({ type: 'frame', replyTo: id, frame: await this.need().build() });
        });
        return;
      case 'reset':
        this.epoch++;
        this.task(id, async () => {
          if (!this.config) throw new Error('There is no run to reset: configure one first.');
          await this.start(this.config);
          this.host.post({ type: 'frame', replyTo: id, frame: await this.need().build() });
        });
        return;
      case 'runToEnd':
        void this.runToEnd(id, ++this.epoch);
        return;
      case 'sampleDiffusion': {
        // A newer job replaces an older one: the older stops at its next chunk and replies with null.
        const job = ++this.diffusionJob;
        this.task(id, async () => {
          const choice = await this.ensureBackend(request.backend);
          const context = { choice, model: this.model, eps: () => this.epsModel(), host: this.host };
          const result = await this.diffusion.run(context, request.job, {
            cancelled: () => job !== this.diffusionJob,
            onProgress: (p) => this.host.post({ type: 'diffusionProgress', job: id, ...p }),
            yieldTurn: this.yieldTurn,
          });
          this.host.post({ type: 'diffusionResult', replyTo: id, result });
        });
        return;
      }
      case 'learnedSteps': {
        const job = ++this.stepsJob;
        const { mixture } = request.request;
        this.task(id, async () => {
          const choice = await this.ensureBackend(request.backend);
          const fm = this.model && isModelOf(this.model.config, 'fm', mixture) ? this.epsModel() : null;
          const vp = this.vpModel && isModelOf(this.vpModel.config, 'vp', mixture) ? this.vpEpsModel() : null;
          const fused = this.diffusion.vpFused(choice, vp && this.vpModel);
          const reply = await learnedStepsReply(
            request.request,
            { fm, vp, fused },
            () => job !== this.stepsJob,
          );
          this.host.post({ type: 'learnedSteps', replyTo: id, ...reply });
        });
        return;
      }
      case 'reflow': {
        const job = ++this.reflowJob;
        this.task(id, async () => {
          await this.ensureBackend(request.backend);
          const model = this.model;
          if (!model || !isModelOf(model.config, 'fm', request.request.mixture))
            throw new Error('Reflow needs a velocity model trained on this mixture: train one first.');
          const outcome = await runReflow(model, this.epsModel(), request.request, {
            cancelled: () => job !== this.reflowJob,
            onProgress: (step, total) => this.host.post({ type: 'reflowProgress', job: id, step, total }),
            yieldTurn: this.yieldTurn,
          });
          this.host.post({ type: 'reflow', replyTo: id, outcome });
        });
        return;
      }
    }
  }

  dispose(): void {
    this.epoch++;
    void this.queue.run(() => {
      this.frames?.run.dispose();
      this.frames = null;
      this.disposeModelTensors();
    });
  }

  private async runToEnd(id: number, epoch: number): Promise<void> {
    try {
      const started = performance.now();
      await this.queue.run(async () => {
        if (!this.config) throw new Error('There is no run: configure one first.');
        await this.start(this.config);
      });
      for (;;) {
        if (epoch !== this.epoch) throw new Error('The run was interrupted by a new setting or a reset.');
        const done = await this.queue.run(async () => {
          await this.advanceRun(Infinity, RUN_CHUNK_MS);
          return this.need().run.state().done;
        });
        if (done) break;
        await this.yieldTurn();
      }
      await this.queue.run(async () => {
        const frames = this.need();
        const frame = await frames.build();
        const metrics = await frames.finalMetrics();
        this.host.post({
          type: 'result',
          replyTo: id,
          frame,
          metrics,
          particleStepsPerSec: frame.state.particleStepsPerSec,
          seconds: (performance.now() - started) / 1000,
        });
      });
    } catch (error) {
      this.host.post({ type: 'error', replyTo: id, message: message(error) });
    }
  }

  /**
   * Advances the current run; a fused run that fails (a lost device, a failed readback) is replaced by the same
   * run from step 0 on the tensor path, whose engine event carries the reason, and that run is advanced instead.
   */
  private async advanceRun(steps: number, budgetMs: number): Promise<void> {
    const run = this.need().run;
    try {
      await run.advance(steps, budgetMs);
    } catch (error) {
      if (run.engine !== 'fused' || !this.config) throw error;
      this.fusedFailure = message(error);
      await this.start(this.config);
      await this.need().run.advance(steps, budgetMs);
    }
  }

  /** A new run of `config` at step 0 (the engine chosen, the backend started if one is needed). */
  private async start(config: SamplerConfig): Promise<void> {
    this.frames?.run.dispose();
    this.frames = null;
    this.config = config;
    let engine = await this.chooseEngine(config);
    const plan = planRun(config);
    let run: ParticleRun | null = null;
    let sigmaUsed = (sigma: number | undefined) => sigma;
    if (engine.engine === 'fused') {
      try {
        const fused = await this.fusedRun(config, plan);
        sigmaUsed = (sigma) => fused.sigmaUsed(sigma);
        run = fused;
      } catch (error) {
        this.fusedFailure = message(error);
        engine = tensorFallback(engine, this.fusedFailure);
      }
    }
    if (run) {
      // The fused kernels started.
    } else if (engine.engine === 'js') {
      run = new JsParticleRun(plan);
    } else if (config.score === 'learned') {
      const score = this.learnedScore();
      sigmaUsed = (sigma) => score.sigmaUsed(sigma);
      run = new TensorParticleRun(plan, { score });
    } else {
      run = new TensorParticleRun(plan, {
        score: new ExactTensorScore(config.mixture),
        explain: (stepSize, sigma, level) => explainExactDivergence(config.mixture, stepSize, sigma, level),
      });
    }
    this.frames = new FrameBuilder(++this.runId, run, config, sigmaUsed);
    this.host.post(noticeFusedFailure(engine, this.fusedFailure));
  }

  /** Decides the engine for a config, starting (or switching) the tensor backend when it needs one. */
  private async chooseEngine(config: SamplerConfig): Promise<EngineEvent> {
    const request = config.backend;
    const cpuOnly =
      request === 'wasm' || request === 'cpu' || (request === 'auto' && !(await this.hasHardwareGpu()));
    if (config.score === 'exact' && cpuOnly) return engineEvent('js', JS_REASON, null);
    const choice = await this.ensureBackend(request);
    const fusable = choice.name === 'webgpu' && this.fusedFailure === null;
    if (config.score === 'learned') {
      if (fusable) return engineEvent('fused', FUSED_LEARNED_REASON, choice);
      const reason = `learned score: the network on ${choice.name}, with particles and noise kept as tensors`;
      const said =
        choice.name === 'webgpu' ? withFusedFailure(reason, choice.name, this.fusedFailure) : reason;
      return engineEvent('tensor', said, choice);
    }
    const gpu = choice.name === 'webgl' || (choice.name === 'webgpu' && (await this.hasHardwareGpu()));
    if (!gpu) return engineEvent('js', `${JS_REASON}; ${choice.name} is not a hardware GPU`, null);
    if (fusable) return engineEvent('fused', FUSED_EXACT_REASON, choice);
    return engineEvent(
      'tensor',
      `exact score as tf ops on ${choice.name}: particles and noise stay on the GPU`,
      choice,
    );
  }

  /** The fused kernels for this run on the WebGPU backend's device; throws what the device reports. */
  private async fusedRun(config: SamplerConfig, plan: ReturnType<typeof planRun>): Promise<FusedParticleRun> {
    const { device } = await fusedContext({ allowSoftware: true });
    if (config.score === 'learned') {
      if (!this.model) throw new Error('There is no trained model in the sampler: load one first.');
      const { config: model, params } = this.model;
      return FusedParticleRun.create(device, plan, { kind: 'learned', config: model, params });
    }
    return FusedParticleRun.create(device, plan, { kind: 'exact' }, (stepSize, sigma, level) =>
      explainExactDivergence(config.mixture, stepSize, sigma, level),
    );
  }

  private async hasHardwareGpu(): Promise<boolean> {
    if (this.hardwareGpu === null) {
      const { probeAdapter } = await import('../engine/tf/webgpu');
      this.hardwareGpu = (await probeAdapter()).hardware;
    }
    return this.hardwareGpu;
  }

  private async ensureBackend(request: SamplerConfig['backend']): Promise<BackendChoice> {
    if (this.tensorBackend?.request === request) return this.tensorBackend.choice;
    // Tensors must not straddle two backends: the model is rebuilt from its numbers on the new one.
    this.disposeModelTensors();
    const choice = await initBackend(request);
    this.tensorBackend = { request, choice };
    return choice;
  }

  private learnedScore(): LearnedTensorScore {
    if (!this.model) throw new Error('There is no trained model in the sampler: load one first.');
    this.learned ??= new LearnedTensorScore(this.model);
    return this.learned;
  }

  private epsModel(): LoadedEpsModel {
    if (!this.model) throw new Error('There is no trained model in the sampler: load one first.');
    this.eps ??= new LoadedEpsModel(this.model);
    return this.eps;
  }

  private vpEpsModel(): LoadedEpsModel {
    if (!this.vpModel) throw new Error('There is no VP ε-model in the sampler: load one first.');
    this.vpEps ??= new LoadedEpsModel(this.vpModel);
    return this.vpEps;
  }

  /** Frees the networks built from the models (they are rebuilt on demand). */
  private disposeModelTensors(): void {
    this.learned?.dispose();
    this.learned = null;
    this.eps?.dispose();
    this.eps = null;
    this.vpEps?.dispose();
    this.vpEps = null;
  }

  private need(): FrameBuilder {
    if (!this.frames) throw new Error('There is no run: configure one first.');
    return this.frames;
  }

  private task(replyTo: number, work: () => void | Promise<void>): void {
    this.queue
      .run(work)
      .catch((error: unknown) => this.host.post({ type: 'error', replyTo, message: message(error) }));
  }
}
