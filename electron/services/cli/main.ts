// `sdh`: the same services as the app, without Electron. Built to dist/cli/sdh.mjs (`npx sdh …`,
// `npm run --silent sdh -- …`); ./bin.ts is the process entry, this file the testable part.
import { AppError } from '../../common/app-error.ts';
import { UsageError, type CliGroup, type CliIo } from './command.ts';
import { wantsHelp } from './args.ts';
import { paints } from './paint.ts';
import { groups } from './commands/index.ts';

function usage(): string {
  const lines = ['Usage: sdh <command> [options]', ''];
  for (const g of groups) for (const u of g.usage) lines.push(`  sdh ${u}`);
  lines.push('', "Add --json to any command for JSON on stdout only; 'sdh <command> --help' explains its options.", 'NO_COLOR=1 turns colours off.');
  return lines.join('\n') + '\n';
}

/** `sdh logs --help`, or `sdh logs search --help`: that command's lines and what its options mean. */
function groupHelp(group: CliGroup, sub: string | undefined): string {
  const mine = group.usage.filter((u) => sub !== undefined && u.startsWith(`${group.name} ${sub} `));
  const shown = mine.length ? mine : group.usage;
  const all = Object.entries({ ...group.options, '--json': 'JSON on stdout only', '--help': 'this help' });
  const options = all.filter(([k]) => k === '--json' || k === '--help' || shown.some((u) => u.includes(k.split(' ')[0])));
  const width = Math.max(...options.map(([k]) => k.length));
  return ['Usage:', ...shown.map((u) => `  sdh ${u}`), '', 'Options:', ...options.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)].join('\n') + '\n';
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const paint = paints(io);
  const fail = (where: string, message: string, code: number, hint = true): number => {
    io.stderr.write(`${paint.err.red(`${where}:`)} ${message}${hint ? ` (see '${where} --help')` : ''}\n`);
    return code;
  };
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    io.stdout.write(usage());
    return 0;
  }
  if (name === undefined) return fail('sdh', 'no command given', 2);
  const groupName = name === 'help' ? rest[0] : name;
  const group = groups.find((g) => g.name === groupName);
  if (!group) return fail('sdh', `unknown command "${groupName}"`, 2);
  if (name === 'help' || wantsHelp(rest)) {
    const args = name === 'help' ? rest.slice(1) : rest;
    io.stdout.write(groupHelp(group, args.find((a) => !a.startsWith('-'))));
    return 0;
  }
  try {
    return await group.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) return fail(`sdh ${name}`, err.message, 2);
    if (err instanceof AppError) return fail(`sdh ${name}`, err.message, 1, false);
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return fail(`sdh ${name}`, `unexpected error: ${detail}`, 1, false);
  }
}
