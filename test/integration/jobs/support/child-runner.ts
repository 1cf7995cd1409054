// Runs (or resumes) jobs against the fake HTTP tenant; the kill-and-resume test SIGKILLs this process.
// argv: dataDir jobId… url  — prints "ready", then "done <status,…>".
import { JobEngine } from '../../../../electron/services/jobs/engine.ts';
import { createHttpExecutor } from '../../../../electron/services/jobs/http-executor.ts';
import { keychainAuditKey } from './audit-key.ts';
import { graphToken, ws1TenantCode } from './fake-server.ts';

const args = process.argv.slice(2);
const [dataDir, url, jobIds] = [args[0], args.at(-1)!, args.slice(1, -1)];
const engine = new JobEngine({
  dataDir,
  audit: { key: keychainAuditKey },
  executor: createHttpExecutor({
    graph: { url, getToken: async () => graphToken },
    ws1: { url, getHeaders: async () => ({ 'aw-tenant-code': ws1TenantCode, authorization: 'Basic eDp5' }) },
    timeoutMs: 5000,
  }),
  identity: () => ({ technician: 'tech@contoso.com', tenant: 'contoso' }),
  limits: { intune: { count: 100, windowMs: 500 }, ws1: { count: 3, windowMs: 1000 } },
  settings: { backoffBaseMs: 20, concurrency: 8 },
});
process.stdout.write('ready\n');
const statuses = await Promise.all(
  jobIds.map((id) => {
    const job = engine.job(id)!;
    // One job may finish before the kill lands while the other still runs: a finished job is only reported.
    if (job.status === 'finished' || job.status === 'cancelled') return Promise.resolve(job.status);
    return job.status === 'planned' ? engine.start(id, engine.preview(id).confirmCount, undefined, 'kill-and-resume test') : engine.resume(id);
  }),
);
await engine.close();
process.stdout.write(`done ${statuses.join(',')}\n`);
