/**
 * The reading path: every page in order, what it teaches, and whether it is built yet.
 * Pages that are not built are listed on the start page without links (no placeholders).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageId } from '../store/schemas';

export interface PageEntry {
  /** Route id (also the `page()` of the automation hook). */
  id: string;
  title: string;
  /** Label in the site navigation. */
  short: string;
  teaches: string;
  /** Part one is on a line, part two in the plane (the start page lists them under two headings). */
  part: 'line' | 'plane';
  component?: LazyExoticComponent<ComponentType>;
  /** Starts fetching the page's code (main.tsx calls it for the first route, before React renders). */
  load?: () => Promise<unknown>;
}

/** One loader per page, shared by React.lazy and the early preload (the browser fetches a module once). */
function page(loader: () => Promise<{ default: ComponentType }>) {
  return { component: lazy(loader), load: loader };
}

export const READING_PATH: readonly PageEntry[] = [
  {
    id: 'score',
    short: 'Score',
    title: 'Density and score',
    teaches:
      'A mixture density, its log and energy, and the score: the arrow field that points uphill in log density — and never depends on the normalising constant.',
    part: 'line',
    ...page(() => import('../pages/score/ScorePage')),
  },
  {
    id: 'perturb',
    short: 'Noise',
    title: 'Noise perturbation',
    teaches:
      'Blurring the data with Gaussian noise of std σ fills the gaps between modes; a finite sample blurred the same way memorises its points when σ is small.',
    part: 'line',
    ...page(() => import('../pages/perturb/PerturbPage')),
  },
  {
    id: 'dsm',
    short: 'DSM',
    title: 'Denoising score matching',
    teaches:
      'Arrows from noisy points back to clean ones are individually noisy, yet their average at each point is exactly the score of the blurred density.',
    part: 'line',
    ...page(() => import('../pages/dsm/DsmPage')),
  },
  {
    id: 'train',
    short: 'Training',
    title: 'Training a score network',
    teaches:
      'A small network learns the score at many noise levels, live in this tab; the error lives where the density is low.',
    part: 'line',
    ...page(() => import('../pages/train/TrainPage')),
  },
  {
    id: 'langevin',
    short: 'Langevin',
    title: 'Langevin dynamics',
    teaches:
      'Particles following the score plus noise settle onto the data — but with separated modes they keep the wrong weights.',
    part: 'line',
    ...page(() => import('../pages/langevin/LangevinPage')),
  },
  {
    id: 'annealed',
    short: 'Annealed',
    title: 'Annealed Langevin',
    teaches:
      'Walking down a ladder of noise levels lets particles cross between modes and recover the right weights.',
    part: 'line',
    ...page(() => import('../pages/annealed/AnnealedPage')),
  },
  {
    id: 'schedules',
    short: 'Schedules',
    title: 'Noise schedules',
    teaches:
      'Linear, cosine, geometric and Karras schedules compared on one axis, with the exact noisy marginals.',
    part: 'line',
    ...page(() => import('../pages/schedules/SchedulesPage')),
  },
  {
    id: 'diffusion',
    short: 'Diffusion',
    title: 'DDPM and SDE samplers',
    teaches:
      'Ancestral sampling, the reverse SDE and the probability-flow ODE on the exact and the learned score, to separate sampler error from network error.',
    part: 'line',
    ...page(() => import('../pages/diffusion/DiffusionPage')),
  },
  {
    id: 'field2d',
    short: 'Field 2D',
    title: 'The score in the plane',
    teaches:
      'In two dimensions the score is a vector field: arrows and streamlines of the exact field of a 2D mixture, blurred live by σ, with handles to move and stretch its components.',
    part: 'plane',
    ...page(() => import('../pages/field2d/Field2dPage')),
  },
  {
    id: 'sampling2d',
    short: 'Sampling 2D',
    title: 'Sampling in the plane',
    teaches:
      'Langevin, annealed Langevin, DDPM, SDE, ODE, predictor–corrector and flow matching move 10² to 10⁶ particles on the exact 2D score, with sliced W1, mode weights and moments against the truth.',
    part: 'plane',
    ...page(() => import('../pages/sampling2d/Sampling2dPage')),
  },
];

export function entryFor(id: PageId): PageEntry | undefined {
  return READING_PATH.find((p) => p.id === id);
}
