// The Win32 app runs an app log's cheap walk finds (ime/app-cut.ts), held as columns of numbers: the
// 2.2 GB bench file has 316 K of them, more than a log worker's 40 MB heap holds as objects.

/** A growable column of numbers. */
export class Column<T extends Int32Array | Float64Array | Uint8Array> {
  private n = 0;
  constructor(private a: T) {}
  get length(): number {
    return this.n;
  }
  at(i: number): number {
    return this.a[i];
  }
  set(i: number, v: number): void {
    this.a[i] = v;
  }
  /** A copy of what was pushed, as long as it is. */
  view(): T {
    return this.a.slice(0, this.n) as T;
  }

  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new (this.a.constructor as new (n: number) => T)(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

export class RunTable {
  private readonly ids: string[] = [];
  private readonly appOf = new Map<string, number>();
  private readonly app = new Column(new Int32Array(1024));
  private readonly first = new Column(new Int32Array(1024));
  private readonly start = new Column(new Float64Array(1024));
  private readonly end = new Column(new Int32Array(1024));
  /** Run numbers in the order the reader closes them (its RowKeeper sees them so). */
  private readonly closedOrder = new Column(new Int32Array(1024));
  /** Each app's run starts, in file order. */
  private readonly startsOf: Column<Int32Array>[] = [];

  /** The app's number (ids are lower case). */
  appIndex(id: string): number {
    let k = this.appOf.get(id);
    if (k === undefined) {
      k = this.ids.length;
      this.appOf.set(id, k);
      this.ids.push(id);
      this.startsOf.push(new Column(new Int32Array(16)));
    }
    return k;
  }

  /** A run of app `app` starting at record `firstRecord`: its number. */
  open(app: number, firstRecord: number, startMs: number | null): number {
    const run = this.app.length;
    this.app.push(app);
    this.first.push(firstRecord);
    this.start.push(startMs ?? NaN);
    this.end.push(-1);
    this.startsOf[app].push(firstRecord);
    return run;
  }

  /** The run ended at record `at` (-1: still open at the end of the file); the reader closes it now. */
  close(run: number, at: number): void {
    this.end.set(run, at);
    this.closedOrder.push(run);
  }

  get closedCount(): number {
    return this.closedOrder.length;
  }

  /** The k-th run the reader closes. */
  closedAt(k: number): number {
    return this.closedOrder.at(k);
  }

  id(run: number): string {
    return this.ids[this.app.at(run)];
  }

  firstRecord(run: number): number {
    return this.first.at(run);
  }

  startMs(run: number): number | null {
    const v = this.start.at(run);
    return v === v ? v : null;
  }

  /** The record that ended the run (-1: none did). */
  endOf(run: number): number {
    return this.end.at(run);
  }

  /** The first start of the app at or after record `at`, if any. */
  nextStart(id: string, at: number): number | undefined {
    const k = this.appOf.get(id);
    if (k === undefined) return undefined;
    const list = this.startsOf[k];
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list.at(mid) < at) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length ? list.at(lo) : undefined;
  }
}
