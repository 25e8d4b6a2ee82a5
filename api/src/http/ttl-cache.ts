// Small bounded caches of values the pages compute (totals, neighbours), each kept for a time.

/** How long a TtlCache keeps its values, how many it holds, and its clock (tests pass their own). */
export interface TtlCacheOptions {
  ttlMs: number;
  maxEntries: number;
  /**
   * Past ttlMs and until this age, a value is still served while one reload runs in the background (a total that
   * takes a second to count never makes a request wait once it has been counted); past it a request waits.
   */
  staleMs?: number;
  now?: () => number;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
  isReloading: boolean;
}

/** A bounded map whose entries expire: the oldest entry goes when it is full; a failed load is not kept. */
export class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: TtlCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The cached value of `key`, or the loaded one. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit) {
      const age = now - hit.at;
      if (age < this.options.ttlMs) return hit.value;
      if (age < (this.options.staleMs ?? this.options.ttlMs)) {
        if (!hit.isReloading) this.reload(key, hit, load);
        return hit.value;
      }
    }
    return this.fill(key, load, now);
  }

  private fill(key: string, load: () => Promise<T>, now: number): Promise<T> {
    if (!this.entries.has(key) && this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const value = load();
    const entry = { at: now, value, isReloading: false };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Loads `key` again behind the served value; the new value replaces it once loaded, a failure keeps the old. */
  private reload(key: string, hit: Entry<T>, load: () => Promise<T>): void {
    hit.isReloading = true;
    const startedAt = this.now();
    load().then(
      (loaded) => {
        if (this.entries.get(key) === hit) {
          this.entries.set(key, { at: startedAt, value: Promise.resolve(loaded), isReloading: false });
        }
      },
      () => {
        hit.isReloading = false;
      },
    );
  }
}
