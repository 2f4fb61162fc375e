/**
 * The names of the training objectives, alone in a module with no imports: the URL table (store/schemas.ts) is
 * on every page's first load, and config.ts would bring the diffusion processes and samplers along with it.
 */

/** The score-matching objectives of the train page. */
export type ObjectiveName = 'ncsn' | 'dsm' | 'esm' | 'ism';

export const OBJECTIVES: readonly ObjectiveName[] = ['ncsn', 'dsm', 'esm', 'ism'];

/**
 * Every objective the engine trains: the four above, and `eps`, DDPM's ε-prediction loss for a time-conditional
 * network on a diffusion process (eps/, used by the diffusion page).
 */
export type TrainObjective = ObjectiveName | 'eps';

export const TRAIN_OBJECTIVES: readonly TrainObjective[] = [...OBJECTIVES, 'eps'];
