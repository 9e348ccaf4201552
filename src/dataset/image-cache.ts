/**
 * A least-recently-used cache bounded by the total size of its values, for encoded images: a 2400x1080 noise
 * PNG is ~10 MiB as a base64 data URL, so the bound is in bytes, not entries.
 */
export class LruByteCache<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  /**
   * @param maxBytes the most the values may weigh together; a single value larger than that is not kept
   * @param sizeOf the weight of a value in bytes
   */
  public constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The cached value of `key` (now most recently used), or undefined. */
  public get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Caches `value`, evicting least recently used values until everything fits. */
  public set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total -= old.bytes;
      this.entries.delete(key);
    }
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.bytes;
    }
  }

  /** Number of cached values. */
  public get size(): number {
    return this.entries.size;
  }

  /** Total weight of the cached values in bytes. */
  public get bytes(): number {
    return this.total;
  }
}
