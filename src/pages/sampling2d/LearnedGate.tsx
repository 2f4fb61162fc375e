import { PageLink } from '../../components/PageLink';
import { ParamSlider } from '../../components/ParamSlider';
import { fmt } from '../../components/Readout';
import { smallestTrainedSigma } from '../../engine/plane';
import {
  isDiffusionSampler,
  learnedDiffusionRefusal,
  trainedSigmaRange,
} from '../../engine/plane/learnedPlan2';
import { useParam } from '../../store/appStore';
import { usePlaneModel } from '../../store/planeModel';
import { schemaFor } from '../../store/schemas';
import { learnedRefusal, type LearnedRunShape } from './learnedRun';

/** The widest σ range a network trained on the field page can have: its σ_min slider's floor to σ_max's ceiling. */
function trainableRange(): { sigmaMin: number; sigmaMax: number } {
  const f = schemaFor('field2d');
  return {
    sigmaMin: f.smin.kind === 'number' ? f.smin.min : 0,
    sigmaMax: f.smax.kind === 'number' ? f.smax.max : Infinity,
  };
}

const VE_NAMES = {
  sde: 'reverse VE SDE',
  ode: 'VE probability-flow ODE',
  pc: 'VE predictor–corrector',
} as const;

/**
 * What `score=learned` does here. Issue 12's rule: never sample an untrained network silently, and never swap the
 * exact score in behind the reader's back. With no plane model in this tab the page says so and links to the page
 * that trains one; when the model's trained σ range does not cover the run (learnedPlan2.ts) it says which range
 * the run needs, which the model has, and what to change; otherwise it says which network and which σ the run uses.
 * For the reverse SDE, ODE and PC, which run the VE process on a learned score, it shows the σ_max and σ_min
 * sliders that set that process (the side panel shows them for annealed only).
 */
export function LearnedGate({ sampler }: { sampler: LearnedRunShape['sampler'] }) {
  const model = usePlaneModel((s) => s.model);
  const run: LearnedRunShape = {
    sampler,
    steps: useParam('sampling2d', 'steps'),
    smin: useParam('sampling2d', 'smin'),
    smax: useParam('sampling2d', 'smax'),
  };
  const trained = model ? trainedSigmaRange(model.config) : null;
  const { sigmaMin, sigmaMax } = trainableRange();
  const widest: [number, number] = [sigmaMin, sigmaMax];
  // The σ range a VE run must keep inside: the model's, or with no model the widest the field page can train.
  const range = trained ?? widest;
  // Without a model: refused only when no network the field page can train would serve this run.
  const refusal = model
    ? learnedRefusal(run, model)
    : learnedDiffusionRefusal(run, { sigmaMin, sigmaMax }, 'a network the field page trains reaches at most');
  const ve = sampler === 'sde' || sampler === 'ode' || sampler === 'pc';
  return (
    <>
      {refusal && (
        <p className="notice warn" role="status" data-testid="learned-unsupported">
          <span className="notice-text">
            {refusal}{' '}
            {ve
              ? `Set σ_min here to at least ${fmt(range[0])} and σ_max to at most ${fmt(range[1])}${trained ? `, or on the field page train with the ncsn objective on a ladder from σ_min ≤ ${fmt(Math.min(run.smin, run.smax))} to σ_max ≥ ${fmt(Math.max(run.smin, run.smax))}` : ''}.`
              : `No network the field page can train covers it (its σ ladder reaches ${fmt(widest[0])} to ${fmt(widest[1])}). Choose Langevin or Annealed, or the reverse SDE, ODE or PC, which run the VE process when the score is Learned; or switch the score to Exact.`}{' '}
            Nothing is sampled until then.
          </span>
        </p>
      )}
      {!model && (
        <p className="notice warn" role="status" data-testid="learned-missing">
          <span className="notice-text">
            No score network has been trained in the plane in this tab yet, so there is nothing learned to
            sample. Train one on <PageLink to="field2d">the field page</PageLink>, or switch the score to
            Exact.
          </span>
        </p>
      )}
      {model && !refusal && (
        <p className="notice" role="status" data-testid="learned-active">
          <span className="notice-text">
            Sampling with the network trained on the field page ({model.config.objective}, width{' '}
            {model.config.width}, depth {model.config.depth}; taken when the run started, and Reset takes the
            newest). It learned the mixture the field page had when it trained; the shading and read-outs here
            are of this page&rsquo;s mixture, so they measure the network only when the two are the same (as
            they are by default).{' '}
            {sampler === 'annealed'
              ? 'Each level asks the network for the score at that level’s σ.'
              : ve
                ? `On a learned score the ${VE_NAMES[sampler]} runs the VE process from σ_max = ${fmt(Math.max(run.smin, run.smax))} down to σ_min = ${fmt(Math.min(run.smin, run.smax))} (on the exact score this sampler runs the VP SDE instead). Its p_t is q at σ(t), the network’s own input, inside the trained range ${fmt(trained![0])} to ${fmt(trained![1])}; the run samples q at σ_min, not p.`
                : isDiffusionSampler(sampler)
                  ? 'Each step asks the network for q at σ = √((1 − ᾱ_t)/ᾱ_t), rescaled by √ᾱ_t.'
                  : `Plain Langevin has no σ, so the network is asked at its smallest trained σ, ${fmt(smallestTrainedSigma(model.config))}: the run targets (the network’s estimate of) p blurred at that σ, not p.`}
          </span>
        </p>
      )}
      {ve && (
        <div data-testid="learned-ve-levels">
          <ParamSlider page="sampling2d" name="smax" hint="the VE process starts here (learned score only)" />
          <ParamSlider page="sampling2d" name="smin" hint="…and ends here; it samples q at this σ" />
        </div>
      )}
    </>
  );
}
