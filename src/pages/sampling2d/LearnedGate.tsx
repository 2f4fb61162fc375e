import { PageLink } from '../../components/PageLink';
import { fmt } from '../../components/Readout';
import { usePlaneModel } from '../../store/planeModel';

/**
 * What `score=learned` can do here. Issue 12's rule: never sample an untrained network silently. With no plane
 * model in this tab the page says so and links to the page that trains one; with one, it says what it is, and
 * that this page does not yet run it (the exact score is not swapped in behind the reader's back either).
 */
export function LearnedGate() {
  const model = usePlaneModel((s) => s.model);
  if (!model) {
    return (
      <p className="notice warn" role="status" data-testid="learned-missing">
        No score network has been trained in the plane in this tab yet, so there is nothing learned to sample.
        Train one on <PageLink to="field2d">the field page</PageLink>, or switch the score to Exact.
      </p>
    );
  }
  return (
    <p className="notice warn" role="status" data-testid="learned-present">
      A plane score network is available (trained for {model.step} steps
      {model.fisher !== null ? `, Fisher divergence ${fmt(model.fisher)} averaged over its levels` : ''}), but
      this page cannot run a learned score yet: switch the score to Exact to sample.
    </p>
  );
}
