// A small argument parser: `--flag`, `--key value`, `--key=value`, and positionals; `--` ends options.
import { UsageError } from './command.ts';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(args: string[], valueOptions: readonly string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '--') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (eq > 0) flags.set(key, a.slice(eq + 1));
    else if (valueOptions.includes(key)) {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`--${key} needs a value`);
      flags.set(key, v);
    } else flags.set(key, true);
  }
  return { positionals, flags };
}

export function stringFlag(p: ParsedArgs, key: string): string | undefined {
  const v = p.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}
