import { testProfile } from '../../test/support/profiles';
import { QWEN3_32B } from '../models';
import { checkFit } from './fit';

const subject = { recipe: 'r', configuration: 'c' };
const h20 = testProfile({ gpu: { product: 'NVIDIA-H20', architecture: 'hopper', count: 8, memoryGiB: 95 }, nodes: 2 }, 'h20');

describe('checkFit', () => {
  it('accepts 3P(TP4)/1D(TP4) on two 8-GPU nodes', () => {
    expect(checkFit(subject, QWEN3_32B, h20, [{ role: 'prefill', replicas: 3, tensorParallel: 4 }, { role: 'decode', replicas: 1, tensorParallel: 4 }])).toEqual([]);
  });

  it('rejects more GPUs than the nodes offer, with the breakdown', () => {
    expect(checkFit(subject, QWEN3_32B, h20, [{ role: 'prefill', replicas: 12, tensorParallel: 4 }, { role: 'decode', replicas: 1, tensorParallel: 4 }]))
      .toEqual(['recipe r, configuration c: needs 52 GPUs (12 prefill × TP4 + 1 decode × TP4) but h20 offers 16 (8 per node × 2 nodes)']);
  });

  it('rejects a TP wider than a node', () => {
    expect(checkFit(subject, QWEN3_32B, h20, [{ role: 'decode', replicas: 1, tensorParallel: 16 }]))
      .toEqual(['recipe r, configuration c, role decode: tensor parallel 16 exceeds the 8 GPUs of one h20 node (workers do not span nodes unless `nodes` is set)']);
  });

  it('accepts a worker spread over nodes, and refuses one that spans more nodes than the profile has', () => {
    const wide = { role: 'worker' as const, replicas: 1, tensorParallel: 4, gpusPerWorker: 16, nodesPerWorker: 2 };
    expect(checkFit(subject, QWEN3_32B, h20, [wide])).toEqual([]);
    expect(checkFit(subject, QWEN3_32B, h20, [{ ...wide, gpusPerWorker: 24, nodesPerWorker: 3 }])).toEqual([
      'recipe r, configuration c, role worker: a worker spans 3 nodes but h20 offers 2',
      'recipe r, configuration c: needs 24 GPUs (1 worker × 24 GPUs) but h20 offers 16 (8 per node × 2 nodes)',
    ]);
  });

  it('rejects a host memory request larger than a node', () => {
    expect(checkFit(subject, QWEN3_32B, h20, [{ role: 'worker', replicas: 1, tensorParallel: 1, hostMemoryGiB: 4000 }]))
      .toEqual(['recipe r, configuration c, role worker: a worker asks for 4000 GiB of host memory but a h20 node has 1800 GiB']);
  });

  it('rejects a TP that does not divide the GPUs of a node', () => {
    expect(checkFit(subject, QWEN3_32B, h20, [{ role: 'worker', replicas: 2, tensorParallel: 3 }]))
      .toEqual(['recipe r, configuration c, role worker: tensor parallel 3 does not divide the 8 GPUs of one h20 node; allowed: 1, 2, 4, 8']);
  });

  it('rejects weights larger than the worker\'s GPU memory', () => {
    const small = testProfile({ gpu: { product: 'x', architecture: 'ampere', count: 8, memoryGiB: 40 } }, 'a100-40');
    expect(checkFit(subject, QWEN3_32B, small, [{ role: 'worker', replicas: 1, tensorParallel: 1 }]))
      .toEqual(['recipe r, configuration c, role worker: Qwen/Qwen3-32B weights (61.1 GiB) do not fit in 1 × 40 GiB = 40 GiB of a100-40 GPU memory']);
  });
});
