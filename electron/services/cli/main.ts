// `sdh`: the same services as the app, without Electron. `npm run --silent sdh -- <group> <command> …`
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError, type CliIo } from './command.ts';
import { groups } from './commands/index.ts';
import { AppError } from '../../common/errors.ts';

function usage(): string {
  const lines = ['Usage: sdh <command> [options]', ''];
  for (const g of groups) for (const u of g.usage) lines.push(`  sdh ${u}`);
  lines.push('', 'Add --json to any command for JSON on stdout only.');
  return lines.join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const group = groups.find((g) => g.name === name);
  if (!group) {
    io.stderr.write(`sdh: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await group.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`sdh ${name}: ${err.message}\n\n${usage()}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.stderr.write(`sdh ${name}: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`sdh ${name}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isEntry) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0); // `sdh … | head` closed the pipe
  });
  runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code;
  });
}
