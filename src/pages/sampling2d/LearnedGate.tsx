import { PageLink } from '../../components/PageLink';
import { fmt } from '../../components/Readout';
import type { PlaneSampler } from '../../engine/plane';
import { smallestTrainedSigma } from '../../engine/plane';
import { usePlaneModel } from '../../store/planeModel';
import { learnedSamplerSupported } from './learnedRun';

/**
 * What `score=learned` does here. Issue 12's rule: never sample an untrained network silently, and never swap the
 * exact score in behind the reader's back. With no plane model in this tab the page says so and links to the page
 * that trains one; for the diffusion and flow samplers it says why a field2d network cannot serve them; for
 * Langevin and annealed Langevin it says which network and which σ the run uses.
 */
export function LearnedGate({ sampler }: { sampler: PlaneSampler }) {
  const model = usePlaneModel((s) => s.model);
  const supported = learnedSamplerSupported(sampler);
  return (
    <>
      {!supported && (
        <p className="notice warn" role="status" data-testid="learned-unsupported">
          DDPM, the reverse SDE, the probability-flow ODE, predictor–corrector and flow matching need the
          score (or velocity) of p_t at every time down from t = 1, where p_t is close to N(0, I): noise far
          beyond the σ range a network on the field page is trained on. So this page samples them on the exact
          score only, and with the score set to Learned it samples nothing for them: choose Langevin or
          Annealed, or switch the score to Exact.
        </p>
      )}
      {!model && (
        <p className="notice warn" role="status" data-testid="learned-missing">
          No score network has been trained in the plane in this tab yet, so there is nothing learned to
          sample. Train one on <PageLink to="field2d">the field page</PageLink>, or switch the score to Exact.
        </p>
      )}
      {model && supported && (
        <p className="notice" role="status" data-testid="learned-active">
          Sampling with the network trained on the field page ({model.config.objective}, width{' '}
          {model.config.width}, depth {model.config.depth}; taken when the run started, and Reset takes the
          newest). It learned the mixture the field page had when it trained; the shading and read-outs here
          are of this page&rsquo;s mixture, so they measure the network only when the two are the same (as
          they are by default).{' '}
          {sampler === 'annealed'
            ? 'Each level asks the network for the score at that level’s σ.'
            : `Plain Langevin has no σ, so the network is asked at its smallest trained σ, ${fmt(smallestTrainedSigma(model.config))}: the run targets (the network’s estimate of) p blurred at that σ, not p.`}
        </p>
      )}
    </>
  );
}
