import { useMemo, useState } from 'react';
import { FigureHost } from '../../components/FigureHost';
import { fmt } from '../../components/Readout';
import { DIM_COST_DIMENSIONS } from '../../engine/tf/plane/dimCost';
import { useAppStore } from '../../store/appStore';
import { planeClient, usePlaneSession } from '../../store/planeSession';
import { createLineChart, type LineChartOptions } from '../../viz/lineChart';
import { dimCostChart, logLogSlope } from './planeCharts';
import '../../styles/dimcost.css';

const OPTIONS: LineChartOptions = {
  title: 'Milliseconds per training step against the dimension D, log-log',
  height: 220,
  xLabel: 'dimension D (log)',
  yLabel: 'ms per step (log)',
  xScale: 'log',
  yScale: 'log',
  legend: true,
};

/** The largest dimension the reader may time up to: all of DIM_COST_DIMENSIONS (the default) or a quicker prefix. */
const LARGEST_D = [32, 64, 128].filter((d) => DIM_COST_DIMENSIONS.includes(d));

/**
 * The cost of dimension: one training step of ISM (D tangent passes for the exact trace) against SSM (one), on an
 * isotropic two-mode mixture in D = 2 … 128 (or up to a smaller largest D), timed in this browser by the plane
 * worker.
 */
export function DimCostPanel() {
  const points = usePlaneSession((s) => s.dimCost);
  const measuring = usePlaneSession((s) => s.measuring);
  const [largest, setLargest] = useState(DIM_COST_DIMENSIONS[DIM_COST_DIMENSIONS.length - 1]);
  const dims = DIM_COST_DIMENSIONS.filter((d) => d <= largest);
  const data = useMemo(() => dimCostChart(points), [points]);
  const D = points.map((p) => p.D);
  const ism = logLogSlope(
    D,
    points.map((p) => p.ismMs),
  );
  const ssm = logLogSlope(
    D,
    points.map((p) => p.ssmMs),
  );
  const measure = () => {
    usePlaneSession.setState({ measuring: true, dimCost: [] });
    planeClient()
      .dimCost(dims)
      .reply.catch((error: Error) => useAppStore.getState().addNotice(error.message, 'runtime', 'error'))
      .finally(() => usePlaneSession.setState({ measuring: false }));
  };
  // A finished measurement (or one stopped by an error) has its slopes read over the dimensions it timed.
  const done = !measuring && points.length >= 2;
  return (
    <section className="plane-dimcost" aria-label="The cost of dimension">
      <h2>The cost of dimension</h2>
      <p>
        The exact trace tr ∇<sub>x</sub>s<sub>θ</sub> in ISM costs one tangent pass per coordinate; SSM
        replaces it by one random projection. Measure one training step of each (width 64, depth 2, batch 128,
        the median of three timed chunks of three steps) on a two-mode mixture in D = 2, 4, 8, … dimensions up
        to the largest D chosen (128 unless a smaller one is chosen), here, on this page&rsquo;s backend.
        Training pauses meanwhile.
      </p>
      <div className="plane-dimcost-controls">
        <label>
          Largest D{' '}
          <select
            value={largest}
            onChange={(e) => setLargest(Number(e.target.value))}
            disabled={measuring}
            data-testid="dimcost-largest"
          >
            {LARGEST_D.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          onClick={measure}
          disabled={measuring}
          data-testid="dimcost-measure"
        >
          {measuring ? `Measuring… (${points.length} of ${dims.length})` : 'Measure'}
        </button>
      </div>
      {points.length > 0 && (
        <FigureHost
          create={createLineChart}
          options={OPTIONS}
          data={data}
          testId="figure-field2d-dimcost"
          caption={
            done && ism !== null && ssm !== null ? (
              <span data-testid="dimcost-slope">
                Measured over D = {D[0]} … {D[D.length - 1]}: ISM&rsquo;s time per step grows about as D
                <sup>{fmt(ism, 2)}</sup> and SSM&rsquo;s as D<sup>{fmt(ssm, 2)}</sup> (least-squares slopes on
                the log-log plot). A slope near 1 is a cost proportional to D; near 0, a cost that does not
                depend on D. At small D fixed costs per step (the optimiser, moving the batch) hide the
                difference.
              </span>
            ) : (
              'Measuring: one point per dimension as it is timed.'
            )
          }
        />
      )}
    </section>
  );
}
