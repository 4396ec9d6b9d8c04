import type { Command } from './command';
import { contentCheckCommand, generateCommand } from './commands/content-commands';
import { doctorCommand } from './commands/doctor';
import {
  indexRebuildCommand,
  indexStatusCommand,
  indexSyncCommand,
  indexVerifyCommand,
} from './commands/index-commands';
import { migrateCommand } from './commands/migrate';

/** Every `sunlight …` command. Later features add theirs here. */
export const commands: Command[] = [
  migrateCommand,
  doctorCommand,
  contentCheckCommand,
  generateCommand,
  indexRebuildCommand,
  indexSyncCommand,
  indexVerifyCommand,
  indexStatusCommand,
];

export function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  for (const size of [2, 1]) {
    const name = words.slice(0, size).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: words.slice(size) };
  }
  return undefined;
}
