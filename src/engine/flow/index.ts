/** Flow matching (rectified flow) on the straight path from the data to N(0, 1), SCIENCE.md §10. */
export {
  exactVelocity,
  flowMarginal,
  scoreFromVelocity,
  velocityFromScore,
  type Batch,
  type Velocity,
} from './velocity';
// The ODE's grid, step and drivers, whole.
export * from './ode';
export { AsyncFlowRun, FlowRun, sampleFlow, type FlowRunOptions } from './run';
export { speedDeviation, straightness } from './straightness';
