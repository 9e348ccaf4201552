import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { RgbImage } from './image-render';
import { ImageContent, ImageFormat } from './options';

/** JPEG quality (0–100) of {@link ImageFormat.JPEG} images. */
export const JPEG_QUALITY = 90;

/** zlib level of PNG images (6 is zlib's and Pillow's default). */
const PNG_DEFLATE_LEVEL = 6;
/** PNG row filter "none": noise cannot be predicted, so filtering only costs time. */
const PNG_FILTER_NONE = 0;
/** PNG row filter "sub": as small as adaptive filtering for the flat bands of a pattern, 5x faster with pngjs. */
const PNG_FILTER_SUB = 1;

/** The MIME type of an encoded image format. */
export function imageMimeType(format: ImageFormat): string {
  return format === ImageFormat.PNG ? 'image/png' : 'image/jpeg';
}

/**
 * Encodes RGB pixels as PNG (pngjs, colour type 2, 8 bits) or JPEG (jpeg-js, quality {@link JPEG_QUALITY}).
 * `content` only tunes the PNG row filter: none for noise, sub for patterns.
 */
export function encodeImage(image: RgbImage, format: ImageFormat, content: ImageContent): Buffer {
  if (format === ImageFormat.PNG) {
    const options = {
      width: image.width,
      height: image.height,
      colorType: 2 as const,
      inputColorType: 2 as const,
      inputHasAlpha: false,
      bitDepth: 8 as const,
      deflateLevel: PNG_DEFLATE_LEVEL,
      filterType: content === ImageContent.NOISE ? PNG_FILTER_NONE : PNG_FILTER_SUB,
    };
    const png = new PNG(options);
    png.data = image.data;
    return PNG.sync.write(png, options);
  }
  const rgba = Buffer.allocUnsafe(image.width * image.height * 4);
  for (let s = 0, d = 0; s < image.data.length; s += 3, d += 4) {
    rgba[d] = image.data[s] as number;
    rgba[d + 1] = image.data[s + 1] as number;
    rgba[d + 2] = image.data[s + 2] as number;
    rgba[d + 3] = 255;
  }
  return encodeJpeg({ data: rgba, width: image.width, height: image.height }, JPEG_QUALITY).data;
}

/** `data:<mime>;base64,<bytes>`: the inline form AIPerf passes through to the OpenAI `image_url`. */
export function toDataUrl(bytes: Uint8Array, format: ImageFormat): string {
  return `data:${imageMimeType(format)};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}
