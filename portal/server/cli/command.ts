import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../config';
import type { Db } from '../db/types';
import type { SearchService } from '../search/service';

export interface CommandContext {
  config: Config;
  /** Present when the command declared `db: true`. */
  db: Db | undefined;
  out(line: string): void;
  err(line: string): void;
  /** The search service: the portal's own when run through its socket, else one built for this command. */
  search?: SearchService;
  /** Set instead of db when the command tolerates an unreachable database (doctor). */
  dbError?: Error;
  /** How the command reached the database, for messages (`direct` or `via portal pid N`). */
  route: string;
}

export interface CommandArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** Standard input read by the CLI before forwarding (passwords), if the command asked for it. */
  stdin?: string;
}

export interface Command {
  /** Words after `sunlight`, e.g. `migrate` or `content check`. */
  name: string;
  summary: string;
  usage?: string;
  options?: ParseArgsConfig['options'];
  /** Needs the database: forwarded to the running portal when it holds the PGlite data dir. */
  db: boolean;
  readsStdin?: boolean;
  /**
   * About in-process state of the portal (the embedded search index): sent to every running portal
   * process in the data dir, or run locally when none runs.
   */
  inPortal?: boolean;
  /** Needs a search service (built locally when the command does not run inside the portal). */
  search?: boolean;
  /** Run even when the database cannot be opened (ctx.dbError says why). */
  toleratesDbFailure?: boolean;
  run(ctx: CommandContext, args: CommandArgs): Promise<number>;
}
