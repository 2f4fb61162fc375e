import { MAX_COMPONENTS, type Mixture } from '../engine/mixture';
import { addComponent, removeComponent, setComponent, setWeight } from '../engine/mixtureEdit';
import { MEAN_LIMIT, STD_MAX, STD_MIN } from '../store/mixtureParam';
import { useAppStore, useCommonParam } from '../store/appStore';
import { Slider } from './Slider';
import { checkedInput } from './typedInput';

/**
 * Edits the page's mixture: weight, mean and std per component, add and remove. Weights stay normalised:
 * raising one lowers the others in proportion.
 */
export function MixtureEditor() {
  const mixture = useCommonParam('mix');
  const setParam = useAppStore((s) => s.setParam);
  const update = (next: Mixture) => setParam('mix', next);

  return (
    <div className="component-editor" data-testid="mixture-editor">
      {mixture.map((c, k) => (
        <div className="component-card" key={k} data-testid={`component-${k}`}>
          <header>
            <span>Component {k + 1}</span>
            <button
              type="button"
              className="button"
              onClick={() => update(removeComponent(mixture, k))}
              disabled={mixture.length <= 1}
              data-testid={`remove-component-${k}`}
              aria-label={`Remove component ${k + 1}`}
            >
              Remove
            </button>
          </header>
          <Slider
            label="weight π"
            value={Number(c.weight.toPrecision(3))}
            min={0.01}
            max={1}
            onChange={(v) => {
              const w = checkedInput('weight', v, 0.01, 1);
              if (w !== null) update(setWeight(mixture, k, w));
            }}
            testId={`weight-${k}`}
          />
          <Slider
            label="mean μ"
            value={Number(c.mean.toPrecision(3))}
            min={-MEAN_LIMIT}
            max={MEAN_LIMIT}
            onChange={(v) => {
              const m = checkedInput('mean', v, -MEAN_LIMIT, MEAN_LIMIT);
              if (m !== null) update(setComponent(mixture, k, { mean: m }));
            }}
            testId={`mean-${k}`}
          />
          <Slider
            label="std s"
            value={Number(c.std.toPrecision(3))}
            min={STD_MIN}
            max={STD_MAX}
            log
            onChange={(v) => {
              const s = checkedInput('std', v, STD_MIN, STD_MAX);
              if (s !== null) update(setComponent(mixture, k, { std: s }));
            }}
            testId={`std-${k}`}
          />
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => update(addComponent(mixture))}
        disabled={mixture.length >= MAX_COMPONENTS}
        data-testid="add-component"
      >
        Add a component ({mixture.length}/{MAX_COMPONENTS})
      </button>
    </div>
  );
}

/** The mixture editor in a fold of its own, closed at first: the last group of every page that has a mixture. */
export function MixtureEditorGroup() {
  return (
    <details className="control-group">
      <summary>Edit the mixture</summary>
      <MixtureEditor />
    </details>
  );
}
