/**
 * The plane's trained model, shared between pages: field2d's training publishes a snapshot after each trained
 * chunk it reports, and sampling2d reads it for `score=learned` (and says when there is none, or how far it is
 * from the truth). Only one plane model exists at a time; a new training run replaces it.
 */
import { create } from 'zustand';
import type { PlaneModelSnapshot } from '../engine/plane/planeModel';

interface PlaneModelState {
  model: PlaneModelSnapshot | null;
  publish(model: Omit<PlaneModelSnapshot, 'version'>): void;
  clear(): void;
}

export const usePlaneModel = create<PlaneModelState>((set, get) => ({
  model: null,
  publish: (model) => set({ model: { ...model, version: (get().model?.version ?? 0) + 1 } }),
  clear: () => set({ model: null }),
}));
