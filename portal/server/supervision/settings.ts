import {
  DEFAULT_SUPERVISION_SETTINGS,
  SupervisionSettingsSchema,
  type SupervisionSettings,
} from '@sunlight/domain/schemas/supervision-settings';
import type { Db } from '../db/types';

/**
 * The workspace's configuration: `supervision.json` of the content directory, loaded at start-up into
 * `settings` (key `supervision`) like the other settings files. Without it the schema's defaults apply.
 */
export async function supervisionSettings(db: Db): Promise<SupervisionSettings> {
  const [row] = await db.query<{ data: unknown }>(`SELECT data FROM settings WHERE key = 'supervision'`);
  if (!row) return DEFAULT_SUPERVISION_SETTINGS;
  const parsed = SupervisionSettingsSchema.safeParse(row.data);
  // The seeder stores only validated data; a row that no longer parses (schema changed) falls back to defaults.
  return parsed.success ? parsed.data : DEFAULT_SUPERVISION_SETTINGS;
}
