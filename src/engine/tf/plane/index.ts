export * from './vectorNet';
export * from './scoreData';
export * from './config2';
export * from './batches2';
export * from './objectives2';
export * from './trainer2';
export * from './fisher2';
export * from './dimCost';
