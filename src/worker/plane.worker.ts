/** The sampling2d page's worker: PlaneService (planeService.ts) served through rpc.ts. */
import type { PlaneApi } from './planeProtocol';
import { PlaneService } from './planeService';
import { serve } from './rpc';

serve<PlaneApi>(self as unknown as DedicatedWorkerGlobalScope, (host) => new PlaneService(host));
