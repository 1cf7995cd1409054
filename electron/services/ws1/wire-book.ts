// What each Workspace ONE tenant's API description taught us, kept per tenant (API origin) in the data
// folder (`ws1-wire.json`). Read at "Test connection" and once per run before the first mode change;
// a tenant whose description cannot be read gets the best-known shape, marked unverified.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { apiTrace } from '../net/api-trace.ts';
import { listedMdmDocs, wireFromDescriptions } from './api-description.ts';
import { bestKnownModeWire, type Ws1ModeWire } from './mode-wire.ts';

export interface Ws1DescriptionAccess {
  /** API host root, e.g. https://as1506.awmdm.com. */
  baseUrl: string;
  authHeaders: () => Promise<Record<string, string>>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export interface LearnResult {
  wire: Ws1ModeWire | null;
  /** Why nothing was learned, for the technician. */
  problem: string | null;
}

const DEFAULT_DOCS = ['mdmv3', 'mdmv2', 'mdmv4'];
const MAX_DOCS = 4;

async function getText(a: Ws1DescriptionAccess, path: string, accept: string): Promise<{ status: number; type: string; text: string } | null> {
  const url = `${a.baseUrl.replace(/\/+$/, '')}${path}`;
  const started = Date.now();
  try {
    const r = await (a.fetch ?? fetch)(url, { headers: { ...(await a.authHeaders()), accept }, signal: a.signal ?? AbortSignal.timeout(20_000), redirect: 'manual' });
    apiTrace.record({ service: 'Workspace ONE', method: 'GET', url, status: r.status, startedMs: started, headers: r.headers });
    return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
  } catch {
    apiTrace.record({ service: 'Workspace ONE', method: 'GET', url, status: null, startedMs: started });
    return null;
  }
}

/** The MDM descriptions the tenant serves (`/api/help` for the listed versions, then each), or why none. */
export async function readMdmDescriptions(a: Ws1DescriptionAccess): Promise<{ docs: Array<{ name: string; doc: unknown }>; problem: string | null }> {
  const index = await getText(a, '/api/help', 'text/html, application/json');
  const listed = index && index.status === 200 ? listedMdmDocs(index.text) : [];
  const names = [...new Set(['mdmv3', ...listed, ...DEFAULT_DOCS])].slice(0, MAX_DOCS);
  const docs: Array<{ name: string; doc: unknown }> = [];
  let lastStatus: number | null = null;
  for (const name of names) {
    const r = await getText(a, `/api/help/Docs/${name}`, 'application/json');
    if (!r) continue;
    lastStatus = r.status;
    if (r.status !== 200 || !/json/i.test(r.type)) continue;
    try {
      docs.push({ name, doc: JSON.parse(r.text) });
    } catch {
      // not a description
    }
  }
  if (docs.length > 0) return { docs, problem: null };
  const why = lastStatus === null ? 'it could not be reached' : `it answered HTTP ${lastStatus}`;
  return { docs, problem: `The tenant's API description (/api/help/Docs/mdmv3) could not be read: ${why}.` };
}

/** Reads the tenant's MDM descriptions and derives the wire shape of the mode change. */
export async function learnModeWire(a: Ws1DescriptionAccess, now: Date = new Date()): Promise<LearnResult> {
  const { docs, problem } = await readMdmDescriptions(a);
  if (docs.length === 0) return { wire: null, problem };
  const wire = wireFromDescriptions(docs, now.toISOString());
  if (!wire) return { wire: null, problem: `The tenant's API description (${docs.map((d) => d.name).join(', ')}) has no POST /devices/action with CHANGE_TO_MULTIUSER.` };
  return { wire, problem: null };
}

const originOf = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
};

export class Ws1WireBook {
  private saved: Record<string, Ws1ModeWire> | null = null;
  private readonly learning = new Map<string, Promise<Ws1ModeWire>>();

  /** `file` null keeps what was learned in memory only (CLI, tests). */
  constructor(
    private readonly file: string | null,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** What was learned for this tenant (this run or before), or null. */
  async known(baseUrl: string): Promise<Ws1ModeWire | null> {
    return this.peek(baseUrl);
  }

  /** The same, synchronously: for the preview's wording. */
  peek(baseUrl: string): Ws1ModeWire | null {
    return this.load()[originOf(baseUrl)] ?? null;
  }

  /** Reads the description now (Test connection) and keeps it when it could be read. */
  async learn(a: Ws1DescriptionAccess): Promise<LearnResult> {
    const r = await learnModeWire(a, this.now());
    if (r.wire) await this.keep(a.baseUrl, r.wire);
    return r;
  }

  /**
   * The shape to send with: read once per run per tenant before the first change; when unreadable, the
   * shape learned before, else the best-known one (unverified).
   */
  forChange(a: Ws1DescriptionAccess): Promise<Ws1ModeWire> {
    const key = originOf(a.baseUrl);
    let p = this.learning.get(key);
    if (!p) {
      // once per run: a description that could not be read is tried again at the next Test connection
      p = this.learn(a).then(async (r) => r.wire ?? (await this.known(a.baseUrl)) ?? bestKnownModeWire);
      this.learning.set(key, p);
    }
    return p;
  }

  private load(): Record<string, Ws1ModeWire> {
    if (this.saved) return this.saved;
    this.saved = {};
    if (!this.file) return this.saved;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: number; tenants?: Record<string, Ws1ModeWire> };
      if (parsed.version === 1 && parsed.tenants && typeof parsed.tenants === 'object') this.saved = parsed.tenants;
    } catch {
      // none yet, or damaged: learn again
    }
    return this.saved;
  }

  private async keep(baseUrl: string, wire: Ws1ModeWire): Promise<void> {
    const all = this.load();
    all[originOf(baseUrl)] = wire;
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ version: 1, tenants: all }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.file);
  }
}
