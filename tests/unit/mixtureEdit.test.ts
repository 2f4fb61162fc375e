import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE, MAX_COMPONENTS } from '../../src/engine/mixture';
import { addComponent, removeComponent, setWeight } from '../../src/engine/mixtureEdit';

const total = (m: readonly { weight: number }[]) => m.reduce((s, c) => s + c.weight, 0);

describe('mixture edits', () => {
  it('setWeight keeps weights normalised and the others in proportion', () => {
    const three = addComponent(DEFAULT_MIXTURE);
    const edited = setWeight(three, 0, 0.5);
    expect(edited[0].weight).toBeCloseTo(0.5, 12);
    expect(total(edited)).toBeCloseTo(1, 12);
    expect(edited[1].weight / edited[2].weight).toBeCloseTo(three[1].weight / three[2].weight, 12);
  });

  it('setWeight clamps to leave every other component a minimum share', () => {
    const edited = setWeight(DEFAULT_MIXTURE, 0, 1.5);
    expect(edited[1].weight).toBeCloseTo(0.01, 12);
    expect(total(edited)).toBeCloseTo(1, 12);
  });

  it('adds up to the maximum number of components in distinct places, and removes', () => {
    let m = DEFAULT_MIXTURE;
    for (let i = 0; i < 10; i++) m = addComponent(m);
    expect(m.length).toBe(MAX_COMPONENTS);
    expect(new Set(m.map((c) => c.mean)).size).toBe(MAX_COMPONENTS);
    expect(total(m)).toBeCloseTo(1, 12);
    const fewer = removeComponent(m, 2);
    expect(fewer.length).toBe(MAX_COMPONENTS - 1);
    expect(total(fewer)).toBeCloseTo(1, 12);
    expect(removeComponent([{ weight: 1, mean: 0, std: 1 }], 0).length).toBe(1);
  });
});
