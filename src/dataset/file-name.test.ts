import * as fc from 'fast-check';
import type * as z from 'zod';
import { datasetFileName, expectedRowCount } from './file-name';
import {
  DatasetMode,
  ImageContent,
  ImageFormat,
  ImagePoolOptions,
  SlidingWindowOptions,
  TraceOptions,
  imagePoolOptionsSchema,
  resolveDatasetOptions,
  slidingWindowOptionsSchema,
  traceOptionsSchema,
} from './options';
import { UserError } from '../errors';

// Compile-time: the hand-written option interfaces are accepted by their schemas.
const typeChecks: [z.input<typeof slidingWindowOptionsSchema>, z.input<typeof imagePoolOptionsSchema>, z.input<typeof traceOptionsSchema>] = [
  {} as SlidingWindowOptions,
  {} as ImagePoolOptions,
  {} as TraceOptions,
];

describe('datasetFileName', () => {
  test('reproduces the upstream names with the defaults', () => {
    expect(typeChecks).toHaveLength(3);
    expect(datasetFileName({ mode: DatasetMode.SLIDING_WINDOW })).toBe('30u_8t_5w_8000word_base64.jsonl');
    expect(datasetFileName({ mode: DatasetMode.SLIDING_WINDOW, sharedText: true, imageUuids: true })).toBe(
      '30u_8t_5w_8000word_sharedtext_base64_uuid.jsonl',
    );
    expect(datasetFileName({ mode: DatasetMode.IMAGE_POOL, namePrefix: 'qwen3_vl' })).toBe('qwen3_vl_1000req_1img_pool200.jsonl');
  });

  test('names every non-default content option', () => {
    expect(
      datasetFileName({
        mode: DatasetMode.SLIDING_WINDOW,
        users: 3,
        turns: 4,
        window: 3,
        words: 10,
        width: 16,
        height: 8,
        imageFormat: ImageFormat.JPEG,
        imageContent: ImageContent.PATTERN,
        seed: 7,
      }),
    ).toBe('3u_4t_3w_10word_base64_16x8_jpeg_pattern_seed7.jsonl');
    expect(datasetFileName({ mode: DatasetMode.IMAGE_POOL, requests: 10, pool: 5, imagesPerRequest: 2, words: 9, height: 481 })).toBe(
      '10req_2img_pool5_9word_640x481.jsonl',
    );
  });

  test('a trace keeps its name, from the URL path by default', () => {
    expect(datasetFileName({ mode: DatasetMode.TRACE, source: 'https://example.com/a/mooncake_trace.jsonl?raw=1' })).toBe('mooncake_trace.jsonl');
    expect(datasetFileName({ mode: DatasetMode.TRACE, source: '/data/t.jsonl', fileName: 'trace-a.jsonl' })).toBe('trace-a.jsonl');
  });

  test('property: two sliding-window option sets share a name only if they are the same dataset', () => {
    const options = fc.record({
      mode: fc.constant(DatasetMode.SLIDING_WINDOW as const),
      users: fc.integer({ min: 1, max: 3 }),
      turns: fc.integer({ min: 1, max: 3 }),
      window: fc.integer({ min: 1, max: 3 }),
      words: fc.constantFrom(1, 8000),
      width: fc.constantFrom(2400, 16),
      height: fc.constantFrom(1080, 16),
      imageFormat: fc.constantFrom(ImageFormat.PNG, ImageFormat.JPEG),
      imageContent: fc.constantFrom(ImageContent.NOISE, ImageContent.PATTERN),
      sharedText: fc.boolean(),
      imageUuids: fc.boolean(),
      seed: fc.constantFrom(42, 1),
      namePrefix: fc.constantFrom(undefined, 'a', 'a_1u'),
    });
    fc.assert(
      fc.property(options, options, (a, b) => {
        const same = JSON.stringify(resolveDatasetOptions(a)) === JSON.stringify(resolveDatasetOptions(b));
        expect(datasetFileName(a) === datasetFileName(b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  test('property: two image-pool option sets share a name only if they are the same dataset', () => {
    const options = fc
      .record({
        mode: fc.constant(DatasetMode.IMAGE_POOL as const),
        requests: fc.integer({ min: 2, max: 4 }),
        pool: fc.integer({ min: 1, max: 2 }),
        imagesPerRequest: fc.integer({ min: 1, max: 2 }),
        words: fc.constantFrom(400, 3),
        width: fc.constantFrom(640, 16),
        height: fc.constantFrom(480, 16),
        imageFormat: fc.constantFrom(ImageFormat.PNG, ImageFormat.JPEG),
        imageContent: fc.constantFrom(ImageContent.NOISE, ImageContent.PATTERN),
        imageUuids: fc.boolean(),
        seed: fc.constantFrom(42, 1),
        namePrefix: fc.constantFrom(undefined, 'q', 'q_2req'),
      })
      .filter((o) => o.pool >= o.imagesPerRequest);
    fc.assert(
      fc.property(options, options, (a, b) => {
        const same = JSON.stringify(resolveDatasetOptions(a)) === JSON.stringify(resolveDatasetOptions(b));
        expect(datasetFileName(a) === datasetFileName(b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  test('invalid options are reported, all at once, by field', () => {
    let error: unknown;
    try {
      datasetFileName({ mode: DatasetMode.SLIDING_WINDOW, users: 0, width: 1.5, namePrefix: '../x' } as SlidingWindowOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      'dataset: users: must be ≥ 1 (got 0)',
      'dataset: width: must be a whole number (got 1.5)',
      expect.stringMatching(/^dataset: namePrefix: must start with a letter or digit/),
    ]);
    expect(() => datasetFileName({ mode: DatasetMode.SLIDING_WINDOW, bogus: 1 } as SlidingWindowOptions)).toThrow(
      'dataset: bogus: unknown field',
    );
    expect(() => datasetFileName({ mode: DatasetMode.TRACE, source: 'https://example.com/get?id=1' })).toThrow(
      'dataset: fileName: is required',
    );
  });
});

describe('expectedRowCount', () => {
  test('is users × turns, requests, or the trace expectation', () => {
    expect(expectedRowCount({ mode: DatasetMode.SLIDING_WINDOW })).toBe(240);
    expect(expectedRowCount({ mode: DatasetMode.IMAGE_POOL })).toBe(1000);
    expect(expectedRowCount({ mode: DatasetMode.TRACE, source: 't.jsonl' })).toBeUndefined();
    expect(expectedRowCount({ mode: DatasetMode.TRACE, source: 't.jsonl', expectedRows: 23608 })).toBe(23608);
  });
});
