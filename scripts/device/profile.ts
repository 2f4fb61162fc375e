/**
 * Where a case's time goes: each pass of its timed sequence on its own, k dispatches in one submit (k doubling
 * until a submit takes ≥ 30 ms), the median of 5 submits divided by k. Passes read and write the case's buffers
 * as in the real sequence, so the data they see is realistic, though not in step order; the per-pass times add up
 * to about the sequence's time only when each dispatch's fixed cost is small beside its work.
 * Used by runPlans.ts when PROFILE is set (PROFILE=1 bash scripts/device/run.sh, see the README).
 */
import type { GpuPlan } from '../../src/engine/gpu/plan';
import { PlanRunner } from '../../src/engine/tf/fused/planRunner';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface PassTime {
  label: string;
  msPerDispatch: number;
  workgroups: number;
}

export async function profilePasses(device: GPUDevice, plan: GpuPlan, sequence: string): Promise<PassTime[]> {
  const passes = plan.sequences[sequence] ?? [];
  const single: GpuPlan = {
    buffers: plan.buffers,
    sequences: Object.fromEntries(passes.map((p, i) => [`pass ${i}`, [p]])),
  };
  const runner = new PlanRunner(device, single);
  const times: PassTime[] = [];
  try {
    for (let i = 0; i < passes.length; i++) {
      const name = `pass ${i}`;
      const submit = async (k: number) => {
        const s = performance.now();
        runner.run(name, k);
        await device.queue.onSubmittedWorkDone();
        return performance.now() - s;
      };
      await submit(1);
      let k = 1;
      while ((await submit(k)) < 30 && k < 1 << 14) k *= 2;
      const ms: number[] = [];
      for (let r = 0; r < 5; r++) ms.push(await submit(k));
      const [x, y, z] = passes[i].workgroups;
      times.push({
        label: passes[i].label,
        msPerDispatch: +(median(ms) / k).toFixed(4),
        workgroups: x * y * z,
      });
    }
  } finally {
    runner.dispose();
  }
  return times;
}
