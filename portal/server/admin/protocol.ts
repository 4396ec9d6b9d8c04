import type { CommandArgs } from '../cli/command';

export interface AdminRequest {
  command: string;
  args: CommandArgs;
}

export interface AdminResponse {
  code: number;
  lines: { stream: 'out' | 'err'; text: string }[];
}
