/**
 * Play speed as a pure rule over an injected clock: the one pacer behind both the training worker's slow motion
 * and the sampling pages' set speeds.
 *
 * At `stepsPerSec` = r a step is earned every 1000/r ms after `restart()`. Earned steps that are not taken wait
 * in a bank, which holds at most `bankMs` of wall time (and never less than one step), so a late timer or a slow
 * paint does not fast-forward. With `bankMs` = null nothing is forgotten: the pacer is then a schedule, and
 * earned() is the number of steps due since restart() less those taken, so a run that fell behind catches up.
 *
 * The state is one number, `from`: the time up to which steps have been accounted for. earned() = ⌊(t − from)·r/1000⌋
 * after moving `from` forward to t − bank; take(n) moves it on by n/r seconds.
 */
import type { Clock } from './clock';

/** The most wall time whose steps may be banked, by default: a quarter second. */
export const DEFAULT_BANK_MS = 250;

export class Pacer {
  readonly msPerStep: number;
  private from: number;

  constructor(
    stepsPerSec: number,
    private readonly clock: Clock,
    private readonly bankMs: number | null = DEFAULT_BANK_MS,
  ) {
    if (!(stepsPerSec > 0) || !Number.isFinite(stepsPerSec))
      throw new RangeError(
        `A pace needs a positive, finite number of steps per second (got ${stepsPerSec}).`,
      );
    this.msPerStep = 1000 / stepsPerSec;
    this.from = clock();
  }

  /** Starts earning from now, with an empty bank. */
  restart(): void {
    this.from = this.clock();
  }

  /** Whole steps earned and not yet taken, as of now. */
  earned(): number {
    const t = this.clock();
    if (this.bankMs !== null) this.from = Math.max(this.from, t - Math.max(this.bankMs, this.msPerStep));
    return Math.max(0, Math.floor((t - this.from) / this.msPerStep));
  }

  /**
   * Banks n steps now, as if they had been earned (a playback that should answer Play at once): moves `from`
   * back by n/r seconds. The bank's limit still applies at the next earned().
   */
  grant(n: number): void {
    this.from -= n * this.msPerStep;
  }

  /** Spends n earned steps (n may exceed earned(): the pacer then runs ahead and earns nothing for a while). */
  take(n: number): void {
    this.from += n * this.msPerStep;
  }

  /** Takes every step earned so far and says how many (0 when none is due yet). */
  takeEarned(): number {
    const steps = this.earned();
    this.take(steps);
    return steps;
  }

  /** Milliseconds from now until earned() reaches 1 (0 when a step is already earned). */
  msUntilNext(): number {
    if (this.earned() >= 1) return 0;
    return this.from + this.msPerStep - this.clock();
  }
}
