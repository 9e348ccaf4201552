import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { LruByteCache } from './image-cache';
import { ImageSet } from './image-set';
import { ImageContent, ImageFormat } from './options';

function bytesOf(dataUrl: string, mime: string): Buffer {
  const prefix = `data:${mime};base64,`;
  expect(dataUrl.startsWith(prefix)).toBe(true);
  return Buffer.from(dataUrl.slice(prefix.length), 'base64');
}

const spec = { seed: 42, stream: 1, width: 40, height: 12 };

describe('ImageSet', () => {
  test.each([ImageContent.NOISE, ImageContent.PATTERN])('PNG %s images decode to the requested size', (content) => {
    const images = new ImageSet({ ...spec, format: ImageFormat.PNG, content });
    const png = PNG.sync.read(bytesOf(images.get(3).dataUrl, 'image/png'));
    expect([png.width, png.height]).toEqual([40, 12]);
  });

  test('JPEG images decode to the requested size', () => {
    const images = new ImageSet({ ...spec, format: ImageFormat.JPEG, content: ImageContent.PATTERN });
    const jpeg = decodeJpeg(bytesOf(images.get(0).dataUrl, 'image/jpeg'));
    expect([jpeg.width, jpeg.height]).toEqual([40, 12]);
  });

  test.each([ImageContent.NOISE, ImageContent.PATTERN])('distinct %s indices give distinct images, equal ones equal images', (content) => {
    const a = new ImageSet({ ...spec, format: ImageFormat.PNG, content });
    const b = new ImageSet({ ...spec, format: ImageFormat.PNG, content, cacheBytes: 0 });
    const urls = new Set<string>();
    for (let i = 0; i < 64; i++) {
      urls.add(a.get(i).dataUrl);
      expect(b.get(i).dataUrl).toBe(a.get(i).dataUrl);
    }
    expect(urls.size).toBe(64);
  });

  test('a pattern image carries its index in the top band', () => {
    const images = new ImageSet({ seed: 1, stream: 1, width: 64, height: 24, format: ImageFormat.PNG, content: ImageContent.PATTERN });
    const png = PNG.sync.read(bytesOf(images.get(0b1011).dataUrl, 'image/png'));
    const bit = (b: number): number => png.data[(b * 2) * 4] as number; // column width 2, first row, red channel
    expect([bit(0), bit(1), bit(2), bit(3), bit(4)]).toEqual([255, 255, 0, 255, 0]);
  });

  test('the seed changes the images', () => {
    const a = new ImageSet({ ...spec, format: ImageFormat.PNG, content: ImageContent.NOISE });
    const b = new ImageSet({ ...spec, seed: 43, format: ImageFormat.PNG, content: ImageContent.NOISE });
    expect(a.get(0).dataUrl).not.toBe(b.get(0).dataUrl);
  });

  test('reused images come from the cache; evicted ones re-encode identically', () => {
    const images = new ImageSet({ ...spec, format: ImageFormat.PNG, content: ImageContent.NOISE });
    const first = images.get(5);
    images.get(5);
    images.get(6);
    images.get(5);
    expect(images.encodeCount).toBe(2);
    expect(images.hitCount).toBe(2);
    const tiny = new ImageSet({ ...spec, format: ImageFormat.PNG, content: ImageContent.NOISE, cacheBytes: 1 });
    expect(tiny.get(5)).toEqual(first);
    expect(tiny.get(5)).toEqual(first);
    expect(tiny.encodeCount).toBe(2);
  });

  test('UUIDs identify the encoded bytes', () => {
    const images = new ImageSet({ ...spec, format: ImageFormat.PNG, content: ImageContent.NOISE });
    expect(images.get(1).uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(images.get(1).uuid).not.toBe(images.get(2).uuid);
    expect(new ImageSet({ ...spec, format: ImageFormat.PNG, content: ImageContent.NOISE }).get(1).uuid).toBe(images.get(1).uuid);
  });
});

describe('LruByteCache', () => {
  test('evicts least recently used values past the byte budget', () => {
    const cache = new LruByteCache<string, string>(10, (v) => v.length);
    cache.set('a', 'aaaa');
    cache.set('b', 'bbbb');
    expect(cache.get('a')).toBe('aaaa'); // a is now most recent
    cache.set('c', 'cccc'); // 12 bytes > 10: evicts b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('aaaa');
    expect(cache.get('c')).toBe('cccc');
    expect(cache.bytes).toBe(8);
    cache.set('huge', 'x'.repeat(11));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
