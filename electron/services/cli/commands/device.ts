// `sdh device diagnostics NAME [--wait] [--out FILE] [--json]`: Collect diagnostics for one Intune device,
// as the card does: request, optionally wait for the upload, and download the zip (no token on the
// storage URL). Graph comes from SDH_GRAPH_URL/SDH_GRAPH_TOKEN; with none set, the demo tenant answers.
import { resolve } from 'node:path';
import { AppError } from '../../../common/errors.ts';
import { startDemoTenant } from '../../demo/index.ts';
import { downloadBundle } from '../../diagnostics/download.ts';
import { IntuneLogCollection } from '../../diagnostics/intune-log-collection.ts';
import { demoPollTiming, realPollTiming, waitForCollection } from '../../diagnostics/poll.ts';
import { GraphClient, odataString } from '../../graph/client.ts';
import { systemClock } from '../../jobs/clock.ts';
import { parseArgs, stringFlag } from '../args.ts';
import { UsageError, type CliGroup, type CliIo } from '../command.ts';
import { connectionFromEnv } from './lookup.ts';
import { help } from './help.ts';

const MAX_BYTES = 1024 * 1024 * 1024;

async function graphFor(io: CliIo): Promise<{ baseUrl: string; getToken: () => Promise<string>; simulator: boolean; stop: () => Promise<void> }> {
  const env = connectionFromEnv(io.env);
  if (env?.graph) {
    const simulator = ['127.0.0.1', 'localhost'].includes(new URL(env.graph.baseUrl).hostname);
    return { baseUrl: env.graph.baseUrl, getToken: env.graph.getToken, simulator, stop: async () => {} };
  }
  if (env) throw new UsageError('device diagnostics needs Intune: set SDH_GRAPH_URL and SDH_GRAPH_TOKEN');
  const t = await startDemoTenant();
  return { baseUrl: t.graphUrl, getToken: async () => t.graphToken, simulator: true, stop: () => t.stop() };
}

async function diagnostics(args: string[], io: CliIo): Promise<number> {
  const p = parseArgs(args, { values: ['out'], switches: ['wait'] });
  const json = p.flags.has('json');
  const name = p.positionals[0];
  if (!name || p.positionals.length > 1) throw new UsageError('device diagnostics needs one device NAME');
  const out = stringFlag(p, 'out');
  const wait = p.flags.has('wait');
  if (out && !wait) throw new UsageError('--out needs --wait (the zip exists only once the device has uploaded it)');
  const say = (line: string) => !json && io.stderr.write(`${line}\n`);
  const g = await graphFor(io);
  try {
    const graph = new GraphClient({ baseUrl: g.baseUrl, getToken: g.getToken });
    const found = (await graph.listDevices(`deviceName eq ${odataString(name)}`, io.signal, 2)).filter((d) => String(d.deviceName).toLowerCase() === name.toLowerCase());
    if (found.length === 0) throw new AppError('not_found', `Intune has no device called ${name}.`);
    if (found.length > 1) throw new AppError('not_found', `Intune has ${found.length} devices called ${name}; collect from the card instead.`);
    const id = String(found[0].id);
    const client = new IntuneLogCollection({ baseUrl: g.baseUrl, getToken: g.getToken });
    let request = await client.request(id, io.signal);
    say(`${name}: diagnostics requested (${request.id}), waiting for the device to upload them`);
    let file: string | null = null;
    if (wait) {
      const timing = g.simulator ? demoPollTiming : realPollTiming;
      request = await waitForCollection({ list: (s) => client.list(id, s), requestId: request.id, clock: systemClock, timing, signal: io.signal });
      if (request.status !== 'completed') throw new AppError('unavailable', `${name} could not upload its diagnostics${request.errorCode !== null ? ` (error ${request.errorCode})` : ''}.`);
      say(`${name}: uploaded${request.sizeKB !== null ? ` (${Math.round(request.sizeKB)} KB)` : ''}`);
      if (out) {
        file = resolve(io.cwd, out);
        const url = await client.downloadUrl(id, request.id, io.signal);
        const bytes = await downloadBundle({ url, file, maxBytes: MAX_BYTES, signal: io.signal, onProgress: (b, t) => !json && io.stderr.write(`\rdownloading ${b}${t ? ` of ${t}` : ''} bytes   `) });
        if (!json) io.stderr.write('\n');
        say(`${name}: ${bytes} bytes written to ${file}`);
      }
    }
    if (json) io.stdout.write(`${JSON.stringify({ device: name, intuneId: id, request, file })}\n`);
    else io.stdout.write(`${request.id}\t${request.status}${file ? `\t${file}` : ''}\n`);
    return 0;
  } finally {
    await g.stop();
  }
}

export const deviceGroup: CliGroup = {
  name: 'device',
  ...help.device,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'diagnostics') return diagnostics(rest, io);
    throw new UsageError(sub ? `unknown device command ${JSON.stringify(sub)}` : 'device needs a command: diagnostics');
  },
};
