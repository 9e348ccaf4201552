import { ImageSet } from './image-set';
import { DatasetMode, ImageContent, SlidingWindowOptions } from './options';
import { SingleTurnRow } from './rows';
import { slidingWindowImageIndices, slidingWindowRows } from './sliding-window';
import { UserError } from '../errors';

const SMALL: SlidingWindowOptions = {
  mode: DatasetMode.SLIDING_WINDOW,
  users: 3,
  turns: 4,
  window: 3,
  words: 12,
  width: 16,
  height: 8,
  seed: 7,
};

function rowsOf(options: SlidingWindowOptions): SingleTurnRow[] {
  return [...slidingWindowRows(options)];
}

function shared(a: readonly string[], b: readonly string[]): number {
  const set = new Set(a);
  return b.filter((x) => set.has(x)).length;
}

describe('slidingWindowRows', () => {
  const rows = rowsOf(SMALL);

  test('has users × turns rows, window images and the requested words each', () => {
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      expect(row.images).toHaveLength(3);
      expect(new Set(row.images).size).toBe(3);
      expect(row.text.split(' ')).toHaveLength(12);
      for (const image of row.images) expect(image).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
      expect(row.image_uuids).toBeUndefined();
    }
  });

  test('one session per user, rows of a user contiguous and in turn order', () => {
    expect(rows.map((r) => r.session_id)).toEqual([
      ...Array<string>(4).fill('user_0'),
      ...Array<string>(4).fill('user_1'),
      ...Array<string>(4).fill('user_2'),
    ]);
    // Causal order: turn t+1 is the window of turn t slid by one image.
    for (let i = 1; i < rows.length; i++) {
      const [prev, cur] = [rows[i - 1] as SingleTurnRow, rows[i] as SingleTurnRow];
      if (prev.session_id !== cur.session_id) continue;
      expect(cur.images.slice(0, 2)).toEqual(prev.images.slice(1));
    }
  });

  test("each turn shares exactly window-1 images with the same user's previous turn", () => {
    const byUser = new Map<string, SingleTurnRow[]>();
    for (const row of rows) byUser.set(row.session_id as string, [...(byUser.get(row.session_id as string) ?? []), row]);
    for (const turns of byUser.values()) {
      for (let t = 1; t < turns.length; t++) {
        expect(shared((turns[t - 1] as SingleTurnRow).images, (turns[t] as SingleTurnRow).images)).toBe(2);
      }
      if (turns.length > 2) expect(shared((turns[0] as SingleTurnRow).images, (turns[2] as SingleTurnRow).images)).toBe(1);
      // A user sees window + turns - 1 distinct images.
      expect(new Set(turns.flatMap((r) => r.images)).size).toBe(3 + 4 - 1);
    }
  });

  test('users share no image', () => {
    const users = [0, 1, 2].map((u) => new Set(rows.filter((r) => r.session_id === `user_${u}`).flatMap((r) => r.images)));
    expect(new Set(rows.flatMap((r) => r.images)).size).toBe(3 * (3 + 4 - 1));
    for (const image of users[0] as Set<string>) {
      expect((users[1] as Set<string>).has(image) || (users[2] as Set<string>).has(image)).toBe(false);
    }
  });

  test('encodes each distinct image once (the window is cached while reused)', () => {
    let images: ImageSet | undefined;
    const count = [...slidingWindowRows(SMALL, { onImageSet: (s) => (images = s) })].length;
    expect(count).toBe(12);
    expect(images?.encodeCount).toBe(18);
    expect(images?.hitCount).toBe(12 * 3 - 18);
  });

  test('is deterministic under the seed', () => {
    expect(JSON.stringify(rowsOf(SMALL))).toBe(JSON.stringify(rows));
    const other = rowsOf({ ...SMALL, seed: 8 });
    expect(other[0]?.text).not.toBe(rows[0]?.text);
    expect(other[0]?.images[0]).not.toBe(rows[0]?.images[0]);
  });

  test('fresh text per turn by default, one text per user with sharedText', () => {
    expect(new Set(rows.map((r) => r.text)).size).toBe(12);
    const sharedRows = rowsOf({ ...SMALL, sharedText: true });
    for (let u = 0; u < 3; u++) {
      expect(new Set(sharedRows.filter((r) => r.session_id === `user_${u}`).map((r) => r.text)).size).toBe(1);
    }
    expect(new Set(sharedRows.map((r) => r.text)).size).toBe(3);
    // Images do not depend on the text option.
    expect(sharedRows.map((r) => r.images)).toEqual(rows.map((r) => r.images));
  });

  test('image_uuids are aligned with images: equal images, equal UUIDs', () => {
    const withUuids = rowsOf({ ...SMALL, imageUuids: true, imageContent: ImageContent.PATTERN });
    const uuidOf = new Map<string, string>();
    for (const row of withUuids) {
      expect(row.image_uuids).toHaveLength(row.images.length);
      row.images.forEach((image, k) => {
        const uuid = (row.image_uuids as readonly string[])[k] as string;
        expect(uuidOf.get(image) ?? uuid).toBe(uuid);
        uuidOf.set(image, uuid);
      });
    }
    expect(new Set(uuidOf.values()).size).toBe(uuidOf.size);
  });

  test('row keys are the AIPerf single_turn fields', () => {
    expect(Object.keys(rows[0] as object)).toEqual(['session_id', 'text', 'images']);
    expect(Object.keys(rowsOf({ ...SMALL, users: 1, turns: 1, imageUuids: true })[0] as object)).toEqual([
      'session_id',
      'text',
      'images',
      'image_uuids',
    ]);
  });

  test('window 1 shares nothing between turns', () => {
    const single = rowsOf({ ...SMALL, window: 1 });
    expect(shared((single[0] as SingleTurnRow).images, (single[1] as SingleTurnRow).images)).toBe(0);
  });

  test('image numbering slides by one per turn and never overlaps between users', () => {
    expect(slidingWindowImageIndices({ turns: 8, window: 5 }, 0, 0)).toEqual([0, 1, 2, 3, 4]);
    expect(slidingWindowImageIndices({ turns: 8, window: 5 }, 0, 7)).toEqual([7, 8, 9, 10, 11]);
    expect(slidingWindowImageIndices({ turns: 8, window: 5 }, 1, 0)).toEqual([12, 13, 14, 15, 16]);
  });

  test('invalid options are a UserError naming the field', () => {
    expect(() => rowsOf({ ...SMALL, window: 0 })).toThrow(UserError);
    expect(() => rowsOf({ ...SMALL, window: 0 })).toThrow('dataset: window: must be ≥ 1 (got 0)');
  });
});
