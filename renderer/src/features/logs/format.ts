// How the viewer names and sizes files: a file's name, or folder/name when two files share a name
// (a device's bundle holds several output.log); sizes in B, KB, MB, GB (1024-based, as Explorer shows).
import type { LogFileInfo } from '../../../../electron/common/logs.ts';

const parts = (path: string): string[] => path.split(/[\\/]|!\//).filter(Boolean);

/** Short names for the session's files: the base name, with as many parent folders as make it unique. */
export function fileLabels(files: readonly Pick<LogFileInfo, 'path'>[]): string[] {
  const split = files.map((f) => parts(f.path));
  const depth = split.map(() => 1);
  for (let round = 0; round < 8; round++) {
    const labels = split.map((p, i) => p.slice(-depth[i]).join('/'));
    let changed = false;
    labels.forEach((l, i) => {
      if (labels.indexOf(l) !== labels.lastIndexOf(l) && depth[i] < split[i].length) {
        depth[i]++;
        changed = true;
      }
    });
    if (!changed) return labels;
  }
  return split.map((p, i) => p.slice(-depth[i]).join('/'));
}

/** "512 B", "12 KB", "3.4 MB", "2.0 GB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
