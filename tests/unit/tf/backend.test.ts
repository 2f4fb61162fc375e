import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/engine/tf/backend';
import { tf } from '../../../src/engine/tf/core';

describe('backend choice in Node', () => {
  it('starts the CPU backend when asked, touching nothing else', async () => {
    const choice = await initBackend('cpu');
    expect(choice).toEqual({ name: 'cpu', reason: 'asked for CPU; CPU (plain JavaScript)', fallbacks: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back along the chain with a sentence per failure when a forced backend cannot start', async () => {
    // Node has no WebGL context: the forced WebGL backend fails and the CPU backend takes over.
    const choice = await initBackend('webgl');
    expect(choice.name).toBe('cpu');
    expect(choice.fallbacks).toHaveLength(1);
    expect(choice.fallbacks[0]).toMatch(/^The WebGL backend could not start \(.+\); trying CPU instead\.$/);
    expect(choice.reason).toBe('asked for WebGL; WebGL could not start; CPU (plain JavaScript)');
  });

  it('auto skips WebGPU without an adapter and says so', async () => {
    const choice = await initBackend('auto', { skip: ['wasm', 'webgl'] });
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('auto: no WebGPU in this browser; CPU (plain JavaScript)');
  });
});
