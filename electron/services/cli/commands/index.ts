// Every CLI command group, one import each.
import type { CliGroup } from '../command.ts';
import { lookupGroup } from './lookup.ts';
import { demoCommands } from './demo.ts';
import { logsGroup } from './logs.ts';
import { modeGroup } from './mode.ts';

export const groups: CliGroup[] = [
  lookupGroup,
  demoCommands,
  logsGroup,
  modeGroup,
];
