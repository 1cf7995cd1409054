// The CLI's worker for `sdh logs stats` on plain files (dist/cli/count-worker.cjs): counts the records of a
// byte range (count-scan.ts). It loads the scanner and little else, so it starts in a few milliseconds.
import { runCount, type CountJob } from '../logs/count-scan.ts';
import { serveJobs } from './worker-serve.ts';

serveJobs<CountJob>('count', runCount);
