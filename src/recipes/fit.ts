import { HardwareProfile, totalGpus } from '../hw';
import { ModelDefinition, weightGiB } from '../models';
import { GpuDemand } from '../constructs';

/** Where a demand comes from, for messages. */
export interface FitSubject {
  /** Comparison name. */
  readonly recipe: string;
  /** Configuration name. */
  readonly configuration: string;
}

/**
 * Checks that a configuration's GPU pools fit the hardware profile: each worker's TP fits one node,
 * the model's weights fit the worker's GPUs, and all pools together fit the nodes the profile offers.
 * @returns one message per problem (empty when it fits)
 */
export function checkFit(subject: FitSubject, model: ModelDefinition, hw: HardwareProfile, demand: readonly GpuDemand[]): string[] {
  const where = `recipe ${subject.recipe}, configuration ${subject.configuration}`;
  const problems: string[] = [];
  const weights = weightGiB(model);
  for (const pool of demand) {
    const at = `${where}, role ${pool.role}`;
    if (pool.tensorParallel > hw.gpu.count) {
      problems.push(`${at}: tensor parallel ${pool.tensorParallel} exceeds the ${hw.gpu.count} GPUs of one ${hw.name} node (workers do not span nodes)`);
    } else if (hw.gpu.count % pool.tensorParallel !== 0) {
      problems.push(`${at}: tensor parallel ${pool.tensorParallel} does not divide the ${hw.gpu.count} GPUs of one ${hw.name} node; allowed: ${divisors(hw.gpu.count).join(', ')}`);
    }
    const capacity = pool.tensorParallel * hw.gpu.memoryGiB;
    if (weights > capacity) {
      problems.push(`${at}: ${model.id} weights (${weights.toFixed(1)} GiB) do not fit in TP ${pool.tensorParallel} × ${hw.gpu.memoryGiB} GiB = ${capacity} GiB of ${hw.name} GPU memory`);
    }
  }
  const needed = demand.reduce((sum, p) => sum + p.replicas * p.tensorParallel, 0);
  const offered = totalGpus(hw);
  if (needed > offered) {
    const breakdown = demand.map((p) => `${p.replicas} ${p.role} × TP${p.tensorParallel}`).join(' + ');
    problems.push(`${where}: needs ${needed} GPUs (${breakdown}) but ${hw.name} offers ${offered} (${hw.gpu.count} per node × ${hw.nodes} nodes)`);
  }
  return problems;
}

/** The divisors of `n`, ascending. */
function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}
