// The CLI's worker for `sdh logs search` on plain files (dist/cli/search-worker.cjs): scans a byte range
// for hits and finds the records around them (hit-scan.ts), without the rest of the app's worker.
import { runHitScan, type HitScanJob } from '../logs/hit-scan.ts';
import { serveJobs } from './worker-serve.ts';

serveJobs<HitScanJob>('hits', (job, shouldStop) => runHitScan(job, shouldStop, () => {}));
