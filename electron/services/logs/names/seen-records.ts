// Records whose raw bytes were read before. The names learner (learn.ts) keeps the first name of each id,
// so a record byte for byte like one it already read teaches nothing: a file that repeats its records
// (IME writes the same policy JSON again and again) need not decode them again. Exact: a record counts
// as seen only when its bytes equal a remembered one's; memory is bounded (past the cap, nothing more is
// remembered and records are read as usual).
const CAP_BYTES = 16 << 20;

/** A cheap key of a record's bytes: its length and words spread over it (its trailer's time among them). */
function keyOf(b: Buffer): string {
  const n = b.length;
  if (n < 128) return b.toString('latin1');
  let key = `${n}`;
  for (let k = 1; k < 8; k++) key += `:${b.readUInt32LE(Math.floor((n * k) / 8))}`;
  for (let at = Math.max(0, b.lastIndexOf(']LOG]!>', n - 1)); at < n - 4; at += 8) key += `:${b.readUInt32LE(at)}`;
  return key;
}

export class SeenRecords {
  private readonly byKey = new Map<string, Buffer[]>();
  private bytes = 0;

  constructor(private readonly cap = CAP_BYTES) {}

  /** Whether bytes equal to `b` were seen; if not, they are remembered (while the cap allows). */
  seen(b: Buffer): boolean {
    const key = keyOf(b);
    const list = this.byKey.get(key);
    if (list) for (const x of list) if (x.equals(b)) return true;
    if (this.bytes + b.length > this.cap) return false;
    this.bytes += b.length;
    const copy = Buffer.from(b);
    if (list) list.push(copy);
    else this.byKey.set(key, [copy]);
    return false;
  }
}
