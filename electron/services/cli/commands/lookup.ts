// `sdh lookup [--json] [--offline] [--limit N] QUERY` and `sdh lookup sync [--full]`.
// Endpoints come from SDH_GRAPH_URL/SDH_GRAPH_TOKEN and SDH_WS1_URL/SDH_WS1_TOKEN|SDH_WS1_BASIC/
// SDH_WS1_TENANT_CODE (like Connect-MgGraph -AccessToken); with none set, the signed-in profile, else the demo tenant.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deviceCardText, type Device, type LookupPartial } from '../../../common/device.ts';
import { openDatabase } from '../../cache/db.ts';
import { syncIntune, syncWs1, type SyncResult } from '../../cache/sync.ts';
import { startDemoTenant } from '../../demo/index.ts';
import { createLookup, refreshWs1IfStale, ws1StaticAuth, type Lookup, type LookupConnection } from '../../lookup/connect.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { help } from './help.ts';
import { UsageError, type CliGroup, type CliIo } from '../command.ts';
import { checkEndpoint } from '../endpoint.ts';

interface Session {
  conn: LookupConnection;
  stop: () => Promise<void>;
}

const host = (u: string) => {
  try {
    return new URL(u).host;
  } catch {
    return u;
  }
};

export function connectionFromEnv(env: NodeJS.ProcessEnv): LookupConnection | null {
  const { SDH_GRAPH_URL: gUrl, SDH_GRAPH_TOKEN: gTok, SDH_WS1_URL: wUrl, SDH_WS1_TOKEN: wTok, SDH_WS1_BASIC: wBasic, SDH_WS1_TENANT_CODE: wCode } = env;
  if (!gUrl && !wUrl) return null;
  if (gUrl && !gTok) throw new UsageError('SDH_GRAPH_URL needs SDH_GRAPH_TOKEN');
  if (wUrl && !wTok && !wBasic) throw new UsageError('SDH_WS1_URL needs SDH_WS1_TOKEN or SDH_WS1_BASIC');
  if (gUrl) checkEndpoint('SDH_GRAPH_URL', gUrl);
  if (wUrl) checkEndpoint('SDH_WS1_URL', wUrl);
  return {
    scope: `env:${gUrl ? host(gUrl) : '-'}|${wUrl ? host(wUrl) : '-'}`,
    graph: gUrl ? { baseUrl: gUrl, getToken: async () => gTok!, portal: /graph\.microsoft\.com$/.test(host(gUrl)) ? 'https://intune.microsoft.com' : null } : undefined,
    ws1: wUrl ? { baseUrl: wUrl, authHeaders: ws1StaticAuth({ bearer: wTok, basic: wBasic, tenantCode: wCode }) } : undefined,
  };
}

/** Seam for the signed-in profile (profiles/auth helpers): none yet, so the demo tenant answers. */
async function signedInProfile(): Promise<Session | null> {
  return null;
}

async function demoSession(): Promise<Session> {
  const t = await startDemoTenant();
  const ws1Auth = ws1StaticAuth({ basic: `${t.ws1.basicUser}:${t.ws1.basicPassword}`, tenantCode: t.ws1.tenantCode });
  return {
    conn: { scope: 'demo', graph: { baseUrl: t.graphUrl, getToken: async () => t.graphToken, portal: null }, ws1: { baseUrl: t.ws1Url, authHeaders: ws1Auth } },
    stop: () => t.stop(),
  };
}

async function openSession(io: CliIo, offline: boolean): Promise<Session> {
  const env = connectionFromEnv(io.env);
  if (env) return { conn: env, stop: async () => {} };
  if (offline) return { conn: { scope: 'demo' }, stop: async () => {} }; // the cache of the default tenant
  return (await signedInProfile()) ?? demoSession();
}

export const dataDir = (env: NodeJS.ProcessEnv) => env.SDH_DATA_DIR || join(env.HOME || homedir(), '.shared-device-helpdesk');

async function withLookup<T>(io: CliIo, offline: boolean, fn: (l: Lookup) => Promise<T>): Promise<T> {
  const session = await openSession(io, offline);
  const db = openDatabase(join(dataDir(io.env), 'helpdesk.sqlite'));
  try {
    return await fn(createLookup(offline ? { scope: session.conn.scope } : session.conn, { db }));
  } finally {
    db.close();
    await session.stop();
  }
}

async function sync(l: Lookup, full: boolean, io: CliIo, json: boolean): Promise<SyncResult[]> {
  const kind = full ? 'full' : 'incremental';
  const onProgress = (p: { source: string; phase: string; done: number }) => {
    if (!json) io.stderr.write(`\r${p.source}: ${p.phase} ${p.done}   `);
  };
  const out: SyncResult[] = [];
  if (l.intune && l.cache) out.push(await syncIntune(l.cache, l.intune, { kind, signal: io.signal, onProgress }));
  if (l.ws1 && l.cache) out.push(await syncWs1(l.cache, l.ws1, { kind, signal: io.signal, onProgress }));
  if (!json) io.stderr.write('\n');
  return out;
}

function printText(io: CliIo, p: LookupPartial): void {
  if (p.offline) io.stdout.write(`Offline: results from the cache (Intune synced ${p.cacheAge.intune ?? 'never'}, Workspace ONE synced ${p.cacheAge.ws1 ?? 'never'}).\n`);
  for (const e of p.errors) io.stderr.write(`${e.source}: ${e.error.message}\n`);
  if (p.devices.length === 0) io.stdout.write('No device matches.\n');
  else io.stdout.write(p.total > p.devices.length ? `${p.total} devices match; showing ${p.devices.length} (--limit).\n` : `${p.total} device${p.total === 1 ? '' : 's'} match.\n`);
  p.devices.forEach((d: Device, i) => io.stdout.write(`${i ? '\n' : ''}${deviceCardText(d)}\n`));
}

export const lookupGroup: CliGroup = {
  name: 'lookup',
  ...help.lookup,
  async run(args, io) {
    const p = parseArgs(args, { values: ['limit'], switches: ['offline', 'no-sync', 'full'] });
    const json = p.flags.has('json');
    const offline = p.flags.has('offline');
    if (p.positionals[0] === 'sync' && p.positionals.length === 1) {
      const results = await withLookup(io, false, (l) => sync(l, p.flags.has('full'), io, json));
      io.stdout.write(json ? `${JSON.stringify({ synced: results })}\n` : results.map((r) => `${r.source}: ${r.kind} sync stored ${r.stored}, removed ${r.removed}\n`).join(''));
      return 0;
    }
    const query = p.positionals.join(' ').trim();
    if (!query) throw new UsageError('lookup needs a QUERY (device name, serial, or user)');
    const limitRaw = stringFlag(p, 'limit');
    const limit = limitRaw === undefined ? undefined : Number(limitRaw);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a whole number above 0');
    const result = await withLookup(io, offline, async (l) => {
      // WS1 v1 cannot search by device name: keep its cache fresh enough to answer name queries.
      if (!offline && !p.flags.has('no-sync')) await refreshWs1IfStale(l, { signal: io.signal }).catch(() => false); // the search reports the source's error
      return l.service.search({ query, offline, limit }, { signal: io.signal });
    });
    if (json) {
      const errors = result.errors.map((e) => ({ source: e.source, code: e.error.code, message: e.error.message }));
      io.stdout.write(`${JSON.stringify({ devices: result.devices, errors, total: result.total, offline: result.offline, cacheAge: result.cacheAge })}\n`);
    } else printText(io, result);
    return result.errors.length > 0 && result.devices.length === 0 ? 1 : 0;
  },
};
