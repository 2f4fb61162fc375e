/**
 * The pacer against a hand-driven clock: every count below is worked out from ⌊(t − from)·r/1000⌋ with the bank
 * clamp, so each assertion is exact.
 */
import { describe, expect, it } from 'vitest';
import { Pacer } from '../../src/engine/pacer';

function manualClock(start = 1000) {
  let t = start;
  return { clock: () => t, advance: (ms: number) => (t += ms) };
}

describe('Pacer', () => {
  it('earns one step per 1/r seconds and spends what is taken', () => {
    const c = manualClock();
    const pacer = new Pacer(20, c.clock); // 50 ms a step
    expect(pacer.earned()).toBe(0);
    c.advance(49);
    expect(pacer.earned()).toBe(0);
    expect(pacer.msUntilNext()).toBe(1);
    c.advance(1);
    expect(pacer.earned()).toBe(1);
    expect(pacer.msUntilNext()).toBe(0);
    c.advance(100);
    expect(pacer.earned()).toBe(3);
    pacer.take(2);
    expect(pacer.earned()).toBe(1);
    expect(pacer.takeEarned()).toBe(1);
    expect(pacer.takeEarned()).toBe(0);
    expect(pacer.earned()).toBe(0);
    expect(pacer.msUntilNext()).toBe(50);
  });

  it('banks at most a quarter second of steps', () => {
    const c = manualClock();
    const pacer = new Pacer(20, c.clock);
    c.advance(10_000);
    // 10 s at 20 steps/s would be 200 steps; the bank holds 250 ms of them.
    expect(pacer.earned()).toBe(5);
    pacer.take(5);
    expect(pacer.earned()).toBe(0);
    c.advance(75);
    expect(pacer.earned()).toBe(1);
  });

  it('banks at least one step when a step takes longer than the bank', () => {
    const c = manualClock();
    const pacer = new Pacer(2, c.clock); // 500 ms a step, longer than the 250 ms bank
    c.advance(499);
    expect(pacer.earned()).toBe(0);
    c.advance(1);
    expect(pacer.earned()).toBe(1);
    c.advance(5000);
    expect(pacer.earned()).toBe(1);
  });

  it('restart() forgets what was banked', () => {
    const c = manualClock();
    const pacer = new Pacer(100, c.clock);
    c.advance(200);
    expect(pacer.earned()).toBe(20);
    pacer.restart();
    expect(pacer.earned()).toBe(0);
    c.advance(30);
    expect(pacer.earned()).toBe(3);
  });

  it('grant() banks steps at once, within the bank', () => {
    const c = manualClock();
    const pacer = new Pacer(20, c.clock); // 50 ms a step, 5 steps banked at most
    pacer.grant(1);
    expect(pacer.earned()).toBe(1);
    c.advance(49);
    expect(pacer.earned()).toBe(1);
    c.advance(1);
    expect(pacer.earned()).toBe(2);
    pacer.grant(10);
    // 12 steps would exceed the 250 ms bank: 5 remain.
    expect(pacer.earned()).toBe(5);
  });

  it('without a bank it is a schedule: a run that fell behind catches up', () => {
    const c = manualClock();
    const pacer = new Pacer(10, c.clock, null);
    c.advance(1000);
    expect(pacer.earned()).toBe(10);
    pacer.take(4);
    c.advance(500);
    // due at 1.5 s: 15 steps, 4 taken.
    expect(pacer.earned()).toBe(11);
  });

  it('refuses a pace that is not a positive finite rate', () => {
    const c = manualClock();
    expect(() => new Pacer(0, c.clock)).toThrow(RangeError);
    expect(() => new Pacer(Number.NaN, c.clock)).toThrow(RangeError);
    expect(() => new Pacer(Infinity, c.clock)).toThrow(RangeError);
  });
});
