// `sdh demo serve`, `sdh demo logs --device NAME --out DIR`, `sdh demo scenarios`: the demo tenant
// without the app (for trying clients by hand, and for collecting a device's diagnostics zip).
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generateTenant, scenarioExamples, startDemoTenant } from '../../demo/index.ts';
import { DiagnosticsBundler, findDevice } from '../../demo/logs/bundle.ts';
import { AppError } from '../../../common/errors.ts';
import { intFlag, parseArgs, stringFlag, type ParsedArgs } from '../args.ts';
import { help } from './help.ts';
import { UsageError, type CliGroup, type CliIo } from '../command.ts';

const spec = { values: ['seed', 'devices', 'device', 'out', 'consume-delay-ms'], switches: ['no-premium'] };

async function serve(p: ParsedArgs, io: CliIo): Promise<number> {
  const t = await startDemoTenant({ seed: intFlag(p, 'seed', 0), deviceCount: intFlag(p, 'devices', 0), consumeDelayMs: intFlag(p, 'consume-delay-ms', 0), entraPremium: !p.flags.has('no-premium') });
  const info = { graphUrl: t.graphUrl, graphToken: t.graphToken, ws1Url: t.ws1Url, ws1TokenUrl: t.ws1TokenUrl, ws1: t.ws1, intuneDevices: t.data.intuneDevices.length, ws1Devices: t.data.ws1Devices.length };
  if (p.flags.has('json')) io.stdout.write(JSON.stringify(info) + '\n');
  else {
    io.stdout.write(
      [
        `Graph:  ${t.graphUrl}  (Authorization: Bearer ${t.graphToken})`,
        `WS1:    ${t.ws1Url}  (Basic ${t.ws1.basicUser}:${t.ws1.basicPassword}, aw-tenant-code: ${t.ws1.tenantCode})`,
        `Token:  ${t.ws1TokenUrl}  (client_id ${t.ws1.clientId}, client_secret ${t.ws1.clientSecret})`,
        `Devices: ${info.intuneDevices} in Intune, ${info.ws1Devices} in Workspace ONE. Ctrl-C stops.`,
        '',
      ].join('\n'),
    );
  }
  await new Promise<void>((done) => (io.signal.aborted ? done() : io.signal.addEventListener('abort', () => done(), { once: true })));
  await t.stop();
  return 0;
}

async function logs(p: ParsedArgs, io: CliIo): Promise<number> {
  const device = stringFlag(p, 'device') ?? p.positionals[0];
  const out = stringFlag(p, 'out');
  if (!device || !out) throw new UsageError('demo logs needs --device NAME|SERIAL and --out DIR');
  const data = generateTenant({ seed: intFlag(p, 'seed', 0) ?? 1, deviceCount: intFlag(p, 'devices', 0) ?? 2_200, now: Date.now() });
  const found = findDevice(data, device);
  if (!found) throw new AppError('not_found', `The demo tenant has no device "${device}".`);
  const name = found.intune?.deviceName ?? found.ws1?.reportedName ?? device;
  const file = resolve(io.cwd, out, `DiagLogs-${name}.zip`);
  await mkdir(resolve(io.cwd, out), { recursive: true });
  await writeFile(file, new DiagnosticsBundler(data).zip(found));
  io.stdout.write(p.flags.has('json') ? JSON.stringify({ device: name, file }) + '\n' : `${file}\n`);
  return 0;
}

function scenarios(p: ParsedArgs, io: CliIo): number {
  if (p.flags.has('json')) io.stdout.write(JSON.stringify(scenarioExamples) + '\n');
  else for (const [id, e] of Object.entries(scenarioExamples)) io.stdout.write(`${id.padEnd(28)} ${e.deviceName.padEnd(16)} ${(e.serialNumber || '-').padEnd(11)} ${e.presence.padEnd(7)} ${e.summary}\n`);
  return 0;
}

export const demoCommands: CliGroup = {
  name: 'demo',
  ...help.demo,
  async run(args, io) {
    const [cmd, ...rest] = args;
    const p = parseArgs(rest, spec);
    if (cmd === 'serve') return serve(p, io);
    if (cmd === 'logs') return logs(p, io);
    if (cmd === 'scenarios') return scenarios(p, io);
    throw new UsageError(cmd ? `unknown demo command "${cmd}" (serve, logs or scenarios)` : 'demo needs a command: serve, logs or scenarios');
  },
};
