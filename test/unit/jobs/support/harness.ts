// Builds an engine over an in-memory journal and a fake tenant with fast limits.
import { JobEngine, type JobEngineOptions } from '../../../../electron/services/jobs/engine.ts';
import { openJobsDatabase } from '../../../../electron/services/jobs/db.ts';
import { systemClock } from '../../../../electron/services/jobs/clock.ts';
import type { RateLimit } from '../../../../electron/services/jobs/throttle.ts';
import type { ActionExecutor } from '../../../../electron/services/jobs/executor.ts';
import { FakeTenant, type FakeTenantOptions } from './fake-tenant.ts';

export interface Harness {
  engine: JobEngine;
  tenant: FakeTenant;
}

export interface HarnessOptions {
  limit?: RateLimit;
  tenant?: Partial<FakeTenantOptions>;
  engine?: Partial<JobEngineOptions>;
  latencyMs?: number;
  /** Wraps the tenant's executor (latency, spies). */
  wrap?: (e: ActionExecutor) => ActionExecutor;
}

export function harness(o: HarnessOptions = {}): Harness {
  const limit = o.limit ?? { count: 2000, windowMs: 1000 };
  const tenant = new FakeTenant({ now: () => systemClock.now(), writeLimit: limit, ...o.tenant });
  let n = 0;
  const engine = new JobEngine({
    db: openJobsDatabase(':memory:'),
    executor: (o.wrap ?? ((e) => e))(tenant.executor(o.engine?.clock ?? systemClock, o.latencyMs ?? 0)),
    identity: () => ({ technician: 'tech@contoso.com', tenant: 'contoso' }),
    limits: { intune: limit, ws1: { count: 1000, windowMs: 1000 } },
    settings: { backoffBaseMs: 5, progressIntervalMs: 50 },
    newId: () => `job-${++n}`,
    random: () => 0.5,
    ...o.engine,
  });
  return { engine, tenant };
}
