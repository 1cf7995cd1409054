// Every CLI command group, one import each.
import type { CliGroup } from '../command.ts';

export const groups: CliGroup[] = [];
