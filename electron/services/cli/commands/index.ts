// Every CLI command group. A group's code (and the services behind it) loads only when that group runs,
// so `sdh --help` and usage errors answer at once.
import type { CliGroup } from '../command.ts';
import { help } from './help.ts';

function lazy(name: keyof typeof help, load: () => Promise<CliGroup>): CliGroup {
  return { name, ...help[name], run: async (args, io) => (await load()).run(args, io) };
}

export const groups: CliGroup[] = [
  lazy('lookup', async () => (await import('./lookup.ts')).lookupGroup),
  lazy('demo', async () => (await import('./demo.ts')).demoCommands),
  lazy('logs', async () => (await import('./logs.ts')).logsGroup),
  lazy('mode', async () => (await import('./mode.ts')).modeGroup),
  lazy('device', async () => (await import('./device.ts')).deviceGroup),
];
