// Prints the path of a usable Electron binary, or nothing. Never calls require('electron'): since
// Electron 42 that downloads the binary on first use, which must not happen here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = join(root, 'node_modules', 'electron');
const candidates = [];
if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  candidates.push(join(dist, 'electron'), join(dist, 'electron.exe'), join(dist, 'Electron.app/Contents/MacOS/Electron'));
}
const pathTxt = join(pkg, 'path.txt');
if (existsSync(pathTxt)) candidates.push(join(pkg, 'dist', readFileSync(pathTxt, 'utf8').trim()));
const found = candidates.find((c) => existsSync(c));
if (found) console.log(found);
