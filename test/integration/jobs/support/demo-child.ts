// Runs (or resumes) one Workspace ONE job against the demo tenant's WS1 simulator over HTTP; the
// in-flight kill test SIGKILLs this process while its mode-change call waits for an answer.
// argv: dataDir jobId ws1Url basicUser:password tenantCode — prints "done <status>".
import { JobEngine } from '../../../../electron/services/jobs/engine.ts';
import { createHttpExecutor } from '../../../../electron/services/jobs/http-executor.ts';
import { ws1StaticAuth } from '../../../../electron/services/lookup/connect.ts';
import { keychainAuditKey } from './audit-key.ts';

const [dataDir, jobId, url, basic, tenantCode] = process.argv.slice(2);
const engine = new JobEngine({
  dataDir,
  audit: { key: keychainAuditKey },
  executor: createHttpExecutor({ ws1: { url, getHeaders: ws1StaticAuth({ basic, tenantCode }) }, timeoutMs: 60_000 }),
  identity: () => ({ technician: 'tech@contoso.com', tenant: 'demo' }),
  settings: { backoffBaseMs: 20 },
});
const job = engine.job(jobId)!;
const status = await (job.status === 'planned' ? engine.start(jobId, engine.preview(jobId).confirmCount) : engine.resume(jobId));
await engine.close();
process.stdout.write(`done ${status}\n`);
