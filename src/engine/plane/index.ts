export * from './mixture2';
export * from './noisy2';
export * from './sample2';
export * from './slices';
export * from './presets2';
export * from './langevin2';
export * from './field';
export * from './streamlines';
