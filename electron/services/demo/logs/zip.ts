// A minimal zip writer (deflate via zlib, CRC-32 via zlib.crc32): enough for diagnostics bundles, and for
// the tests' hostile archives (stored entries, Unix modes such as symlinks).
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Forward slashes, no leading slash. */
  name: string;
  data: Buffer;
  /** Kept uncompressed instead of deflated. */
  stored?: boolean;
  /** Unix mode (e.g. 0o120777, a symlink); the entry is then marked as made on Unix. */
  mode?: number;
}

/** Builds a zip in memory; `mtime` stamps every entry (DOS time, local to the writer's choice). */
export function writeZip(entries: readonly ZipEntry[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const { time, date } = dosDateTime(mtime);
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = e.stored ? e.data : deflateRawSync(e.data, { level: 6 });
    const method = e.stored ? 0 : 8;
    const crc = crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(e.mode === undefined ? 20 : (3 << 8) | 20, 4); // made by (MS-DOS or Unix), version 2.0
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(method, 10);
    head.writeUInt16LE(time, 12);
    head.writeUInt16LE(date, 14);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(e.data.length, 24);
    head.writeUInt16LE(name.length, 28);
    if (e.mode !== undefined) head.writeUInt32LE((e.mode << 16) >>> 0, 38); // external attributes
    head.writeUInt32LE(offset, 42); // disk 0, no comment
    parts.push(local, name, packed);
    central.push(head, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
