/** The sampling2d page's worker: PlaneSamplerService (planeSamplerService.ts) served through rpc.ts. */
import type { PlaneSamplerApi } from './planeSamplerProtocol';
import { PlaneSamplerService } from './planeSamplerService';
import { serve } from './rpc';

serve<PlaneSamplerApi>(
  self as unknown as DedicatedWorkerGlobalScope,
  (host) => new PlaneSamplerService(host),
);
