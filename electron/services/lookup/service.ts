// The lookup: answers from the offline cache at once, asks Intune and Workspace ONE in parallel, streams
// each step (ranked, merged by serial, diagnosed), then completes cards found on one platform by serial.
import type { Device, DeviceSource, IntuneSide, LookupError, LookupPartial, LookupRequest, LookupSource, Ws1Side } from '../../common/device.ts';
import { AppError } from '../../common/errors.ts';
import { keepDetails, type DeviceCache } from '../cache/device-cache.ts';
import type { DiagnosisContext } from './diagnosis.ts';
import { normUser, rankDevices, serialKey } from './match.ts';
import { buildDevice, pairSides } from './merge.ts';

/** What the lookup needs from a platform (IntuneSource / Ws1Source, or fakes in tests). */
export interface PlatformSearch<T> {
  search(query: string, signal?: AbortSignal): Promise<T[]>;
  bySerials(serials: string[], signal?: AbortSignal): Promise<T[]>;
}

/** Live account counts for the DEM-limit and shared-account rules when the cache cannot answer. */
export interface AccountCounts {
  devicesEnrolledBy(upn: string, signal?: AbortSignal): Promise<number>;
  devicesSignedInBy(upn: string, signal?: AbortSignal): Promise<number>;
}

export interface LookupServiceOptions {
  intune?: PlatformSearch<IntuneSide> | null;
  ws1?: PlatformSearch<Ws1Side> | null;
  cache?: DeviceCache | null;
  /** Asked only while Intune has never been synced into the cache (IntuneSource implements it). */
  counts?: AccountCounts | null;
  now?: () => Date;
  /** Devices found on one platform that are looked up by serial on the other. */
  crossFillLimit?: number;
}

export interface SearchOptions {
  requestId?: string;
  signal?: AbortSignal;
  onPartial?: (p: LookupPartial) => void;
  /** Receives the finished result, to hand out further pages of it (the list scrolls past the first page). */
  keep?: (r: KeptResult) => void;
}

/** A finished search, ranked: any page of it, diagnosed when asked, and the names of every match. */
export interface KeptResult {
  total: number;
  page(offset: number, count: number): Device[];
  /** Serial (else name) of every match, in rank order: what "Change these N devices…" hands on. */
  targets(): string[];
}

const unreachable = new Set(['unavailable', 'timeout']);
/** Candidates the offline cache gives per kind when no limit is asked (more than any tenant's matches). */
const cacheCandidateMax = 1_000_000;

interface LiveCounts {
  enrolledBy: Map<string, number>;
  signedIn: Map<string, number>;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('internal', 'Something went wrong during the search.', err instanceof Error ? (err.stack ?? err.message) : String(err));
}

export class LookupService {
  constructor(private readonly o: LookupServiceOptions) {}

  private context(now: Date, live: LiveCounts): DiagnosisContext {
    const c = this.o.cache;
    const pick = (cached: number | null, fresh: number | undefined) => (fresh === undefined ? cached : Math.max(cached ?? 0, fresh));
    const memo = new Map<string, number | null>();
    const once = (key: string, f: () => number | null) => {
      if (!memo.has(key)) memo.set(key, f());
      return memo.get(key)!;
    };
    return {
      now,
      devicesEnrolledBy: (upn) => once(`e:${normUser(upn)}`, () => pick(c ? c.devicesEnrolledBy(upn) : null, live.enrolledBy.get(normUser(upn)))),
      devicesSignedInBy: (upn) => once(`s:${normUser(upn)}`, () => pick(c ? c.devicesSignedInBy(upn) : null, live.signedIn.get(normUser(upn)))),
    };
  }

  /** DEM and signed-in accounts of the top cards, counted live (a few calls) when the cache cannot. */
  private async countAccounts(cards: Device[], live: LiveCounts, signal?: AbortSignal): Promise<void> {
    const counts = this.o.counts;
    if (!counts || this.o.cache?.cacheAge().intune) return;
    const dem = new Set<string>();
    const signedIn = new Set<string>();
    for (const d of cards.slice(0, 5)) {
      const i = d.intune;
      const demAccount = i?.enrollmentType === 'dem' ? (i.enrolledBy ?? i.primaryUser?.upn) : null;
      if (demAccount) dem.add(normUser(demAccount));
      for (const l of i?.loggedOnUsers ?? []) if (l.upn?.includes('@')) signedIn.add(normUser(l.upn));
    }
    const ask = async (map: Map<string, number>, upn: string, f: (u: string, s?: AbortSignal) => Promise<number>) => {
      try {
        map.set(upn, await f.call(counts, upn, signal));
      } catch {
        // a count is a hint: without it the rule stays silent
      }
    };
    await Promise.all([
      ...[...dem].slice(0, 3).map((u) => ask(live.enrolledBy, u, counts.devicesEnrolledBy)),
      ...[...signedIn].slice(0, 6).map((u) => ask(live.signedIn, u, counts.devicesSignedInBy)),
    ]);
  }

  async search(req: LookupRequest, opts: SearchOptions = {}): Promise<LookupPartial> {
    const { signal } = opts;
    const requestId = opts.requestId ?? `lookup-${Date.now()}`;
    const query = req.query.trim();
    const limit = req.limit ?? Infinity; // no hidden cap: every match is counted and returned unless asked
    const cache = this.o.cache ?? null;
    const intune = new Map<string, IntuneSide>();
    const ws1 = new Map<string, Ws1Side>();
    const errors: LookupError[] = [];
    const live: DeviceSource[] = req.offline ? [] : (['intune', 'ws1'] as const).filter((s) => !!this.o[s]);
    const pending = new Set<DeviceSource>(live);
    const counted: LiveCounts = { enrolledBy: new Map(), signedIn: new Map() };
    let total = 0;
    let ranked: Device[] = [];
    const diagnose = (shown: Device[]) => {
      const ctx = this.context(this.o.now?.() ?? new Date(), counted);
      cache?.primeSignedIn(shown.flatMap((d) => [...(d.intune?.loggedOnUsers ?? []).map((l) => l.upn ?? ''), d.ws1?.lastLoggedInUser ?? ''].filter(Boolean)));
      return shown.map((d) => buildDevice({ intune: d.intune, ws1: d.ws1 }, query, ctx));
    };
    const cards = () => {
      ranked = rankDevices(
        pairSides(intune.values(), ws1.values())
          .map((s) => buildDevice(s, query))
          .filter((d) => d.match),
      );
      total = ranked.length;
      return diagnose(ranked.slice(0, limit));
    };

    const snapshot = (source: LookupSource, done: boolean): LookupPartial => {
      const devices = cards();
      const failedLive = live.filter((s) => errors.some((e) => e.source === s && unreachable.has(e.error.code)));
      const offline = !!req.offline || live.length === 0 || failedLive.length === live.length;
      const p: LookupPartial = {
        requestId,
        source,
        devices,
        total,
        errors: [...errors],
        pending: [...pending],
        done,
        offline,
        cacheAge: cache?.cacheAge() ?? { intune: null, ws1: null },
      };
      opts.onPartial?.(p);
      return p;
    };
    const store = (i: IntuneSide[], w: Ws1Side[]) => {
      for (const x of i) intune.set(x.id, keepDetails(x, intune.get(x.id)));
      for (const x of w) ws1.set(x.id, x);
      try {
        cache?.upsert(i, w);
      } catch {
        // the cache is a convenience: a full disk must not fail the search
      }
    };

    if (cache) {
      const hit = cache.search(query, cacheCandidateMax); // every candidate: the total is true whatever the limit
      for (const x of hit.intune) intune.set(x.id, x);
      for (const x of hit.ws1) ws1.set(x.id, x);
      if (live.length > 0) snapshot('cache', false);
    }
    const finish = (source: LookupSource): LookupPartial => {
      const final = snapshot(source, true);
      const kept = ranked;
      opts.keep?.({ total: kept.length, page: (offset, count) => diagnose(kept.slice(offset, offset + count)), targets: () => kept.map((d) => d.serial ?? d.name) });
      return final;
    };
    if (live.length === 0) return finish('cache');

    let last: LookupSource = 'cache';
    const run = async (source: DeviceSource) => {
      try {
        const found = await (source === 'intune' ? this.o.intune!.search(query, signal) : this.o.ws1!.search(query, signal));
        if (source === 'intune') store(found as IntuneSide[], []);
        else store([], found as Ws1Side[]);
      } catch (err) {
        errors.push({ source, error: toAppError(err).toValue() });
      }
      pending.delete(source);
      last = source;
      if (pending.size > 0) snapshot(source, false);
    };
    await Promise.all(live.map(run));

    // Cards on one platform only: look their serial up on the other (WS1 has no live name search).
    if (!signal?.aborted) {
      const found = cards();
      const max = this.o.crossFillLimit ?? 10;
      const fill = async (source: DeviceSource) => {
        if (!live.includes(source) || errors.some((e) => e.source === source)) return;
        const serials = found.filter((d) => !d[source] && serialKey(d.serial)).map((d) => d.serial!).slice(0, max);
        if (serials.length === 0) return;
        try {
          if (source === 'intune') store(await this.o.intune!.bySerials(serials, signal), []);
          else store([], await this.o.ws1!.bySerials(serials, signal));
          last = source;
        } catch (err) {
          errors.push({ source, error: toAppError(err).toValue() });
        }
      };
      await Promise.all([fill('intune'), fill('ws1')]);
      if (!signal?.aborted && live.includes('intune') && !errors.some((e) => e.source === 'intune')) await this.countAccounts(cards(), counted, signal);
    }
    return finish(last);
  }
}
