/**
 * Frame timing over the last few seconds of an animation, for the hook's `fps` and `frameMs` (CONTRACT.md §2).
 */
const WINDOW_SECONDS = 3;

export interface FrameStats {
  /** Records one frame that started at `now` (ms, from requestAnimationFrame). */
  tick(now: number): void;
  /** Forgets the gap before the next frame (after a pause). */
  reset(): void;
  summary(): { fps: number; frameMs: { p50: number; p95: number } };
}

export function createFrameStats(): FrameStats {
  const stamps: number[] = [];
  return {
    tick(now) {
      stamps.push(now);
      while (stamps.length > 2 && now - stamps[0] > WINDOW_SECONDS * 1000) stamps.shift();
    },
    reset() {
      stamps.length = 0;
    },
    summary() {
      if (stamps.length < 2) return { fps: 0, frameMs: { p50: 0, p95: 0 } };
      const gaps = stamps.slice(1).map((t, i) => t - stamps[i]);
      const sorted = [...gaps].sort((a, b) => a - b);
      const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      const span = stamps[stamps.length - 1] - stamps[0];
      return { fps: (1000 * gaps.length) / span, frameMs: { p50: at(0.5), p95: at(0.95) } };
    },
  };
}
