import { fmt, Readout } from '../../components/Readout';
import { usePageValues } from '../../store/appStore';
import { useDiffusionSession } from '../../store/diffusionSession';
import { learnedFrameAt } from './learnedFrames';
import { shownFrame, usePlayback } from '../../store/playbackSession';

/**
 * Live read-outs of the frame shown (its t is the scrubber's): its step, and the distances of the particles to the exact p_t at
 * that t. For n independent draws of p_t the KS statistic exceeds 1.36/√n with probability about 5 %, which is
 * the noise level printed beside it.
 */
export function PlaybackReadout() {
  const frame = usePlayback(shownFrame);
  const totalSteps = usePlayback((s) => s.totalSteps);
  const n = usePlayback((s) => s.n);
  const values = usePageValues('diffusion');
  const result = useDiffusionSession((s) => s.result);
  const learned = learnedFrameAt(result, values, frame?.step ?? null);
  const items = frame
    ? [
        { label: 'step', value: `${frame.step} / ${totalSteps}`, testId: 'playback-step' },
        {
          label: (
            <>
              W1 to p<sub>t</sub>
            </>
          ),
          value: fmt(frame.w1, 3),
          testId: 'playback-w1',
        },
        {
          label: (
            <>
              KS to p<sub>t</sub> (noise 1.36/√n = {fmt(1.36 / Math.sqrt(n), 2)})
            </>
          ),
          value: fmt(frame.ks, 3),
          testId: 'playback-ks',
        },
        ...(learned
          ? [
              { label: 'learned: W1', value: fmt(learned.w1, 3), testId: 'playback-learned-w1' },
              { label: 'KS', value: fmt(learned.ks, 3), testId: 'playback-learned-ks' },
            ]
          : []),
      ]
    : [];
  return (
    <Readout
      items={items}
      testId="playback-readout"
      placeholder="Press Play (space) to watch the particles move one step at a time; → takes one step."
    />
  );
}
