import type { Command } from './command';
import { businessEnrolCommand, businessListCommand, businessRevokeCommand } from './commands/business-commands';
import { contentCheckCommand, generateCommand } from './commands/content-commands';
import {
  disclosuresExpireCommand,
  reviewListCommand,
  reviewReleaseCommand,
  snapshotWriteCommand,
} from './commands/disclosure-commands';
import { doctorCommand } from './commands/doctor';
import {
  indexRebuildCommand,
  indexStatusCommand,
  indexSyncCommand,
  indexVerifyCommand,
} from './commands/index-commands';
import {
  drawCommand,
  drawRevealCommand,
  evaluationsListCommand,
  inspectionsFlaggedCommand,
  keysListCommand,
  keysRetireCommand,
  keysRotateCommand,
} from './commands/inspection-commands';
import { logVerifyCommand } from './commands/log-commands';
import { migrateCommand } from './commands/migrate';
import { partnerCreateCommand, partnerListCommand, partnerRevokeCommand } from './commands/partner-commands';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './commands/token-commands';
import { supervisorCommands } from '../supervision/commands';

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
  tokenCreateCommand,
  tokenRevokeCommand,
  tokenListCommand,
  disclosuresExpireCommand,
  reviewListCommand,
  reviewReleaseCommand,
  snapshotWriteCommand,
  partnerCreateCommand,
  partnerRevokeCommand,
  partnerListCommand,
  keysRotateCommand,
  keysListCommand,
  keysRetireCommand,
  drawCommand,
  drawRevealCommand,
  evaluationsListCommand,
  inspectionsFlaggedCommand,
  businessEnrolCommand,
  businessListCommand,
  businessRevokeCommand,
  logVerifyCommand,
  ...supervisorCommands,
];

export function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  for (const size of [2, 1]) {
    const name = words.slice(0, size).join(' ');
    const command = commands.find((c) => c.name === name);
    if (command) return { command, rest: words.slice(size) };
  }
  return undefined;
}
