// The demo tenant: Graph and Workspace ONE simulators on 127.0.0.1 (random ports) over generated,
// deterministic data. With no tenant configured the app runs on it; tests and benchmarks too.
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from './http.ts';
import { FaultInjector, type FaultKind, type FaultOptions } from './faults.ts';
import { DemoCounters } from './counters.ts';
import { defaultLimits, type DemoLimits } from './limits.ts';
import { generateTenant } from './generate.ts';
import { GraphSimulator } from './graph/simulator.ts';
import { Ws1Simulator, type Ws1Credentials } from './ws1/simulator.ts';
import { DiagnosticsBundler, findDevice } from './logs/bundle.ts';
import { scenarioExamples } from './scenarios.ts';
import type { TenantData } from './model.ts';

export { scenarioExamples, scenarioIds, scenarios, type ScenarioId, type ScenarioExample } from './scenarios.ts';
export { faultKinds, type FaultKind, type FaultOptions } from './faults.ts';
export { defaultLimits, type DemoLimits, type WindowLimit } from './limits.ts';
export { DemoCounters } from './counters.ts';
export { generateTenant } from './generate.ts';
export { ws1Unverified } from './ws1/records.ts';
export { modeTransitions } from './ws1/modes.ts';
export type { TenantData } from './model.ts';

export interface DemoTenantOptions {
  /** Same seed, same tenant. Default 1. */
  seed?: number;
  /** Physical devices (Intune and/or WS1). Default 2,200; scenario devices (about 1,700) always exist. */
  deviceCount?: number;
  /** How long an accepted WS1 mode change stays pending before the device consumes it. Default 60 s. */
  consumeDelayMs?: number;
  /** How long a Collect diagnostics request stays pending. Default 15 s. */
  logCollectionDelayMs?: number;
  limits?: Partial<DemoLimits>;
  /** Clock for limits, pending changes, token expiry and generated dates. Default Date.now. */
  now?: () => number;
  /** Whether the tenant has Entra ID P1/P2: without it the sign-in logs are refused as Graph does (403). Default true. */
  entraPremium?: boolean;
  /** Lifetime of WS1 OAuth tokens. Default 3,600 s. */
  ws1TokenLifetimeSeconds?: number;
}

export interface DemoFaults {
  /** Test-only: make matching requests fail; see FaultOptions. Never reachable over HTTP. */
  inject(pattern: string | RegExp, fault: FaultKind, options?: FaultOptions): void;
  clear(): void;
}

export interface DemoTenant {
  /** http://127.0.0.1:P serving /v1.0/... and /beta/... */
  graphUrl: string;
  /** http://127.0.0.1:Q serving /api/... */
  ws1Url: string;
  /** `${ws1Url}/connect/token` (client_credentials, form-encoded). */
  ws1TokenUrl: string;
  /** A bearer the Graph simulator accepts. */
  graphToken: string;
  ws1: Ws1Credentials;
  faults: DemoFaults;
  counters: DemoCounters;
  /** The generated tenant (read it; change it only through the APIs). */
  data: TenantData;
  examples: typeof scenarioExamples;
  /** The Collect-diagnostics-style zip of a Windows device (name, serial, Graph id, WS1 uuid or id), or null. */
  deviceLogs(device: string): Buffer | null;
  /** The user mode a pending WS1 change will set, or null. */
  pendingUserMode(uuid: string): string | null;
  stop(): Promise<void>;
}

export async function startDemoTenant(options: DemoTenantOptions = {}): Promise<DemoTenant> {
  const now = options.now ?? Date.now;
  const data = generateTenant({ seed: options.seed ?? 1, deviceCount: options.deviceCount ?? 2_200, now: now() });
  const limits: DemoLimits = { ...defaultLimits, ...options.limits };
  const faults = new FaultInjector();
  const counters = new DemoCounters();
  const bundler = new DiagnosticsBundler(data);
  const secret = () => randomBytes(24).toString('base64url');
  const graphToken = `demo.${secret()}`;
  const ws1: Ws1Credentials = { clientId: 'demo-helpdesk-client', clientSecret: secret(), tenantCode: secret(), basicUser: 'demo.api', basicPassword: secret() };

  let graphUrl = '';
  const graph = new GraphSimulator({
    data,
    token: graphToken,
    faults,
    counters,
    limits,
    now,
    logCollectionDelayMs: options.logCollectionDelayMs ?? 15_000,
    entraPremium: options.entraPremium ?? true,
    baseUrl: () => graphUrl,
    buildZip: (device) => bundler.zip(findDevice(data, device.id) ?? { intune: device }),
  });
  const ws1Sim = new Ws1Simulator({
    data,
    credentials: ws1,
    faults,
    counters,
    limits,
    now,
    consumeDelayMs: options.consumeDelayMs ?? 60_000,
    tokenLifetimeSeconds: options.ws1TokenLifetimeSeconds ?? 3_600,
    newToken: secret,
  });

  const servers: RunningServer[] = [];
  try {
    servers.push(await startServer((req) => graph.handle(req)));
    servers.push(await startServer((req) => ws1Sim.handle(req)));
  } catch (err) {
    await Promise.all(servers.map((s) => s.close()));
    throw err;
  }
  graphUrl = servers[0].url;
  const ws1Url = servers[1].url;
  let stopped: Promise<void> | null = null;

  return {
    graphUrl,
    ws1Url,
    ws1TokenUrl: `${ws1Url}/connect/token`,
    graphToken,
    ws1,
    faults: { inject: (p, k, o) => faults.inject(p, k, o), clear: () => faults.clear() },
    counters,
    data,
    examples: scenarioExamples,
    deviceLogs: (key) => {
      const found = findDevice(data, key);
      if (!found || (!found.ws1 && found.intune?.operatingSystem !== 'Windows')) return null; // diagnostics are Windows-only
      return bundler.zip(found);
    },
    pendingUserMode: (uuid) => ws1Sim.modes.pendingFor(uuid),
    stop: () => (stopped ??= Promise.all(servers.map((s) => s.close())).then(() => undefined)),
  };
}
