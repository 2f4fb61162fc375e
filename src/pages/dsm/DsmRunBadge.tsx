import { MAX_PAIRS, useDsmRun } from './dsmRun';

/**
 * The run's state where the reader is looking (figure 1): how many pairs feed the average, whether play is
 * adding more, and that it has stopped once it reaches the most pairs the page draws.
 */
export function DsmRunBadge({ n }: { n: number }) {
  const mode = useDsmRun((s) => s.mode.kind);
  const finished = mode === 'finished' && n >= MAX_PAIRS;
  const text =
    mode === 'playing'
      ? `▶ adding pairs: n = ${n.toLocaleString('en')}`
      : finished
        ? `■ Stopped at ${MAX_PAIRS.toLocaleString('en')} pairs, the most this page draws. Reset to start again.`
        : `n = ${n.toLocaleString('en')} pairs`;
  return (
    <p
      className={`dsm-run-badge${mode === 'playing' ? ' running' : ''}${finished ? ' finished' : ''}`}
      role="status"
      data-testid="dsm-run-state"
      data-mode={finished ? 'finished' : mode}
    >
      {text}
    </p>
  );
}
