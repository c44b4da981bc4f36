/** A tiny argument parser: `--flag value`, `--flag=value`, positionals. */
import { CliError } from './io';

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

/** `known` maps each accepted flag to whether it takes a value. */
export function parseArgs(args: string[], known: Record<string, boolean>): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (!Object.hasOwn(known, name)) throw new CliError(`unknown option ${arg}`);
    let value = 'true';
    if (known[name]) {
      value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`option --${name} needs a value`);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { flags, positionals };
}

export function oneOf(value: string | undefined, allowed: readonly string[], name: string, fallback: string): string {
  const chosen = value ?? fallback;
  if (!allowed.includes(chosen)) throw new CliError(`--${name} must be one of ${allowed.join(', ')} (got ${chosen})`);
  return chosen;
}
