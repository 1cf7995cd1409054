// A small argument parser: `--flag`, `--key value`, `--key=value`, and positionals; `--` ends options.
// Every option a command takes is declared: anything else is a usage error, never silently ignored.
import { UsageError } from './command.ts';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** What a command accepts besides positionals: options that take a value, and on/off switches. */
export interface OptionSpec {
  values?: readonly string[];
  switches?: readonly string[];
}

/** Every command takes these. */
const commonSwitches = ['json', 'help'];

export function parseArgs(args: string[], spec: OptionSpec = {}): ParsedArgs {
  const values = spec.values ?? [];
  const switches = [...commonSwitches, ...(spec.switches ?? [])];
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (values.includes(key)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`--${key} needs a value`);
      flags.set(key, v);
    } else if (switches.includes(key)) {
      if (eq > 0) throw new UsageError(`--${key} takes no value`);
      flags.set(key, true);
    } else throw new UsageError(`unknown option --${key}`);
  }
  return { positionals, flags };
}

export function stringFlag(p: ParsedArgs, key: string): string | undefined {
  const v = p.flags.get(key);
  return typeof v === 'string' ? v : undefined;
}

/** A whole-number option within [min, max]; undefined when absent. */
export function intFlag(p: ParsedArgs, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = stringFlag(p, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new UsageError(max === Number.MAX_SAFE_INTEGER ? `--${key} needs a whole number of at least ${min}` : `--${key} needs a whole number from ${min} to ${max}`);
  return n;
}

/** True when the command line asks for help anywhere before `--`. */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}
