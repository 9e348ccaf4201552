import { engineArgs, mergeEngineOptions, RequestLogging, VllmServer } from './vllm-engine';

const words = (...a: Parameters<typeof engineArgs>) => engineArgs(...a).flat();

describe('engineArgs', () => {
  it('renders only what is set, plus the tensor parallel size', () => {
    expect(words({}, 2, VllmServer.DYNAMO)).toEqual(['--tensor-parallel-size', '2']);
  });

  it('renders every option once', () => {
    const args = words({
      gpuMemoryUtilization: 0.9, maxModelLen: 131072, blockSize: 64, maxNumBatchedTokens: 4096, prefixCaching: false,
      chunkedPrefill: true, enforceEager: true, asyncScheduling: true, hfOverrides: { max_position_embeddings: 131072 },
      compilationConfig: { cudagraph_capture_sizes: [1, 2] }, mmProcessorCacheGiB: 30, requestLogging: RequestLogging.OFF_LEGACY,
      extraArgs: ['--seed', '7'],
    }, 4, VllmServer.DYNAMO);
    expect(args).toEqual([
      '--mm-processor-cache-gb', '30', '--tensor-parallel-size', '4', '--disable-log-requests', '--gpu-memory-utilization', '0.90',
      '--max-model-len', '131072', '--no-enable-prefix-caching', '--async-scheduling', '--block-size', '64',
      '--max-num-batched-tokens', '4096', '--enable-chunked-prefill', '--enforce-eager',
      '--hf-overrides', '{"max_position_embeddings":131072}', '--compilation-config', '{"cudagraph_capture_sizes":[1,2]}',
      '--seed', '7',
    ]);
  });

  it('spells parsers the way each server expects', () => {
    const opts = { toolCallParser: 'qwen3_coder', reasoningParser: 'qwen3' };
    expect(words(opts, 1, VllmServer.DYNAMO)).toEqual(['--dyn-tool-call-parser', 'qwen3_coder', '--dyn-reasoning-parser', 'qwen3', '--tensor-parallel-size', '1']);
    expect(words(opts, 1, VllmServer.VLLM_SERVE)).toEqual(['--tensor-parallel-size', '1', '--enable-auto-tool-choice', '--tool-call-parser', 'qwen3_coder', '--reasoning-parser', 'qwen3']);
  });

  it('turns request logging off with the current flag by default', () => {
    expect(words({ requestLogging: RequestLogging.OFF }, 1, VllmServer.VLLM_SERVE)).toContain('--no-enable-log-requests');
  });
});

describe('mergeEngineOptions', () => {
  it('lets a role override shared options and appends its extra args', () => {
    expect(mergeEngineOptions({ blockSize: 64, prefixCaching: true, extraArgs: ['--a'] }, { prefixCaching: false, extraArgs: ['--b'] }))
      .toEqual({ blockSize: 64, prefixCaching: false, extraArgs: ['--a', '--b'] });
  });
});
