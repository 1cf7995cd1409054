// Bulk target resolution: every input of a list, CSV column or search resolves to every device that
// matches it, without a per-input lookup. A few inputs go through the lookup's search (one search each);
// many inputs are matched locally against each platform's device list, read once page by page, and
// Intune details (sign-ins, join type) are fetched in $batch only for the matched devices of an Intune goal.
import type { Device, IntuneSide, Ws1Side } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import type { ModeGoal, TargetResolution } from '../../common/jobs.ts';
import type { RawRecord } from '../graph/client.ts';
import { normalizeIntune } from '../graph/normalize.ts';
import { defaultPatientWaitMs, patiently, type ServiceWait } from '../graph/patience.ts';
import type { Lookup } from '../lookup/connect.ts';
import { buildDevice, pairSides } from '../lookup/merge.ts';
import { jobTargetFromDevice, resolveExact } from './targets.ts';
import { inParallel } from './in-parallel.ts';
import { chooseUsersForPlan } from './user-choice.ts';

/** Up to this many inputs, one lookup search each (exact names, serials, users); above, one list per platform. */
export const perInputSearchMax = 20;

/** How many per-input searches run at once. */
const searchConcurrency = 4;

export type BulkLookup = Pick<Lookup, 'service' | 'intune' | 'ws1'>;

export interface ResolveOptions {
  goal: ModeGoal;
  signal?: AbortSignal;
  now?: () => Date;
  /** Told each time a service asks planning to wait (Retry-After), for the plan's progress line. */
  onWait?: (w: ServiceWait) => void;
  /** The longest one call waits for a throttling service before planning fails (default 10 minutes). */
  maxWaitMs?: number;
  /** The tenant's never-choose account patterns, for the last / most frequent user goals. */
  neverChoose?: readonly string[];
}

/** Resolution under the patient policy; for an automatic user goal, each device's user chosen from the sign-in logs. */
const patientlyFor = (lookup: BulkLookup, o: ResolveOptions, work: () => Promise<TargetResolution[]>): Promise<TargetResolution[]> =>
  patiently({ maxWaitMs: o.maxWaitMs ?? defaultPatientWaitMs, onWait: o.onWait }, async () =>
    chooseUsersForPlan(await work(), o.goal, { reader: lookup.intune?.client ?? null, now: (o.now?.() ?? new Date()).getTime(), patterns: o.neverChoose, signal: o.signal }),
  );

const intuneGoal = (g: ModeGoal) => g.kind === 'shared' || g.kind === 'user' || g.kind === 'lastSignedIn' || g.kind === 'mostFrequent';

/** The lookup's search, with no cap on results; a search that only failed throws its first error. */
export async function searchAll(lookup: BulkLookup, query: string, signal?: AbortSignal): Promise<Device[]> {
  const r = await lookup.service.search({ query, limit: 1_000_000 }, { signal });
  if (r.devices.length === 0 && r.errors.length) throw new AppError(r.errors[0].error.code, r.errors.map((e) => `${e.source}: ${e.error.message}`).join(' '));
  return r.devices;
}

const lower = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/** Every device of both platforms whose name or serial passes `wanted`, paired by serial. */
async function listedDevices(lookup: BulkLookup, wanted: (nameOrSerial: string) => boolean, o: ResolveOptions): Promise<Device[]> {
  const fetchedAt = (o.now?.() ?? new Date()).toISOString();
  const readIntune = async (): Promise<IntuneSide[]> => {
    if (!lookup.intune) return [];
    const records = (await lookup.intune.client.listDevices(undefined, o.signal)).filter((r: RawRecord) => wanted(lower(String(r.deviceName ?? ''))) || wanted(lower(String(r.serialNumber ?? ''))));
    if (intuneGoal(o.goal)) return lookup.intune.complete(records, o.signal);
    return records.map((device) => normalizeIntune({ device, portal: null, fetchedAt }));
  };
  const readWs1 = async (): Promise<Ws1Side[]> => {
    if (!lookup.ws1) return [];
    const all = await lookup.ws1.allDevices(null, o.signal);
    return all.filter((w) => wanted(lower(w.name)) || wanted(lower(w.serial)) || wanted(lower(w.friendlyName)));
  };
  const [intune, ws1] = await Promise.all([readIntune(), readWs1()]);
  return pairSides(intune, ws1).map((s) => buildDevice(s, null));
}

/** One resolution per input (in input order): its exact name or serial matches, 0 = not found, > 1 = ambiguous. */
export function resolveExactInputs(lookup: BulkLookup, inputs: string[], o: ResolveOptions): Promise<TargetResolution[]> {
  return patientlyFor(lookup, o, () => exactInputs(lookup, inputs, o));
}

async function exactInputs(lookup: BulkLookup, inputs: string[], o: ResolveOptions): Promise<TargetResolution[]> {
  if (inputs.length <= perInputSearchMax) return inParallel(inputs, searchConcurrency, async (input) => resolveExact(input, await searchAll(lookup, input, o.signal)));
  const keys = new Set(inputs.map(lower));
  const devices = await listedDevices(lookup, (k) => keys.has(k), o);
  const index = new Map<string, Device[]>();
  for (const d of devices) {
    const names = new Set([d.name, d.serial, d.intune?.name, d.ws1?.name, d.ws1?.friendlyName].map(lower).filter(Boolean));
    for (const k of names) index.set(k, [...(index.get(k) ?? []), d]);
  }
  return inputs.map((input) => resolveExact(input, index.get(lower(input)) ?? []));
}

/** Every result of one search: the lookup's matches plus every device whose name starts with the query. */
export function resolveQuery(lookup: BulkLookup, query: string, o: ResolveOptions): Promise<TargetResolution[]> {
  return patientlyFor(lookup, o, () => queryResults(lookup, query, o));
}

async function queryResults(lookup: BulkLookup, query: string, o: ResolveOptions): Promise<TargetResolution[]> {
  const q = lower(query);
  const [searched, listed] = await Promise.all([searchAll(lookup, query, o.signal), listedDevices(lookup, (k) => k.startsWith(q), o)]);
  const byKey = new Map<string, Device>();
  // The listed device carries the details an Intune goal needs; the search adds matches by user.
  for (const d of [...searched, ...listed]) byKey.set(d.key, d);
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name)).map((d) => ({ input: d.serial ?? d.name, matches: [jobTargetFromDevice(d)] }));
}
