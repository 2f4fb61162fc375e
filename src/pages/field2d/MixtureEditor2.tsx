import { Slider } from '../../components/Slider';
import { checkedInput } from '../../components/typedInput';
import { MAX_COMPONENTS_2D, type Component2 } from '../../engine/plane/mixture2';
import { useParam } from '../../store/appStore';
import { MEAN_LIMIT_2D, RHO_LIMIT, STD_MAX_2D, STD_MIN_2D } from '../../store/mixture2Param';
import { addComponent, removeComponent, setComponentField, setWeightOf } from './mixtureEdits';

type Field = 'mx' | 'my' | 'sx' | 'sy' | 'rho';

/** The sliders of one component besides its weight: label, range, scale. */
const FIELDS: readonly { key: Field; label: string; min: number; max: number; log?: boolean }[] = [
  { key: 'mx', label: 'mean μx', min: -MEAN_LIMIT_2D, max: MEAN_LIMIT_2D },
  { key: 'my', label: 'mean μy', min: -MEAN_LIMIT_2D, max: MEAN_LIMIT_2D },
  { key: 'sx', label: 'std sx', min: STD_MIN_2D, max: STD_MAX_2D, log: true },
  { key: 'sy', label: 'std sy', min: STD_MIN_2D, max: STD_MAX_2D, log: true },
  { key: 'rho', label: 'correlation ρ', min: -RHO_LIMIT, max: RHO_LIMIT },
];

/**
 * The plane mixture's components, each as sliders: weight (raising one lowers the others in proportion), mean,
 * standard deviations and correlation, plus add and remove. The figure's handles make the same edits by hand.
 */
export function MixtureEditor2() {
  const mixture = useParam('field2d', 'mix2');
  const shown = (c: Component2, key: Field | 'weight') => Number(c[key].toPrecision(3));
  return (
    <div className="component-editor" data-testid="mixture2-editor">
      {mixture.map((c, k) => (
        <div className="component-card" key={k} data-testid={`component2-${k}`}>
          <header>
            <span>Component {k + 1}</span>
            <button
              type="button"
              className="button"
              onClick={() => removeComponent(k)}
              disabled={mixture.length <= 1}
              data-testid={`remove-component2-${k}`}
              aria-label={`Remove component ${k + 1}`}
            >
              Remove
            </button>
          </header>
          <Slider
            label="weight π"
            value={shown(c, 'weight')}
            min={0.01}
            max={1}
            onChange={(v) => {
              const w = checkedInput('weight', v, 0.01, 1);
              if (w !== null) setWeightOf(k, w);
            }}
            testId={`weight2-${k}`}
          />
          {FIELDS.map((f) => (
            <Slider
              key={f.key}
              label={f.label}
              value={shown(c, f.key)}
              min={f.min}
              max={f.max}
              log={f.log}
              onChange={(v) => {
                const value = checkedInput(f.label, v, f.min, f.max);
                if (value !== null) setComponentField(k, f.key, value);
              }}
              testId={`${f.key}2-${k}`}
            />
          ))}
        </div>
      ))}
      <button
        type="button"
        className="button"
        onClick={addComponent}
        disabled={mixture.length >= MAX_COMPONENTS_2D}
        data-testid="add-component2"
      >
        Add a component ({mixture.length}/{MAX_COMPONENTS_2D})
      </button>
    </div>
  );
}
