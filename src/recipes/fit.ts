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
    const gpus = pool.gpusPerWorker ?? pool.tensorParallel;
    const nodes = pool.nodesPerWorker ?? 1;
    const perNode = gpus / nodes;
    const span = nodes > 1 ? `${perNode} GPUs per node of a ${nodes}-node worker` : `tensor parallel ${pool.tensorParallel}${gpus !== pool.tensorParallel ? ` (${gpus} GPUs with data parallelism)` : ''}`;
    if (nodes > hw.nodes) {
      problems.push(`${at}: a worker spans ${nodes} nodes but ${hw.name} offers ${hw.nodes}`);
    }
    if (perNode > hw.gpu.count) {
      problems.push(`${at}: ${span} exceeds the ${hw.gpu.count} GPUs of one ${hw.name} node (${nodes > 1 ? 'spread it over more nodes' : 'workers do not span nodes unless \`nodes\` is set'})`);
    } else if (hw.gpu.count % perNode !== 0) {
      problems.push(`${at}: ${span} does not divide the ${hw.gpu.count} GPUs of one ${hw.name} node; allowed: ${divisors(hw.gpu.count).join(', ')}`);
    }
    const capacity = gpus * hw.gpu.memoryGiB;
    if (weights > capacity) {
      problems.push(`${at}: ${model.id} weights (${weights.toFixed(1)} GiB) do not fit in ${gpus} × ${hw.gpu.memoryGiB} GiB = ${capacity} GiB of ${hw.name} GPU memory`);
    }
    if ((pool.hostMemoryGiB ?? 0) > hw.nodeMemoryGiB) {
      problems.push(`${at}: a worker asks for ${pool.hostMemoryGiB} GiB of host memory but a ${hw.name} node has ${hw.nodeMemoryGiB} GiB`);
    }
  }
  const needed = demand.reduce((sum, p) => sum + p.replicas * (p.gpusPerWorker ?? p.tensorParallel), 0);
  const offered = totalGpus(hw);
  if (needed > offered) {
    const breakdown = demand.map((p) => `${p.replicas} ${p.role} × ${p.gpusPerWorker !== undefined && p.gpusPerWorker !== p.tensorParallel ? `${p.gpusPerWorker} GPUs` : `TP${p.tensorParallel}`}`).join(' + ');
    problems.push(`${where}: needs ${needed} GPUs (${breakdown}) but ${hw.name} offers ${offered} (${hw.gpu.count} per node × ${hw.nodes} nodes)`);
  }
  return problems;
}

/** The divisors of `n`, ascending. */
function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}
