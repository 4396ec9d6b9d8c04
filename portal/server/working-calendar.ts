import { CalendarSchema } from '@sunlight/domain/schemas/calendar';
import { createWorkingCalendar, setWorkingCalendar, type WorkingCalendar } from '@sunlight/domain/working-days';
import type { Db } from './db/types';

/**
 * The working-day calendar in force: the national calendar (npm `chinese-days`, see working-days.ts) with
 * the content directory's `calendar.json` (settings key `calendar`), which wins where they differ. Also
 * made the process default, so `addWorkingDays(date, n)` without a calendar uses it.
 */
export async function loadWorkingCalendar(db: Db): Promise<WorkingCalendar> {
  const [row] = await db.query<{ data: unknown }>(`SELECT data FROM settings WHERE key = 'calendar'`);
  const parsed = row ? CalendarSchema.safeParse(row.data) : undefined;
  // The seeder stores only validated data; a row that no longer parses falls back to the national calendar.
  const calendar = createWorkingCalendar(parsed?.success ? parsed.data : undefined);
  setWorkingCalendar(calendar);
  return calendar;
}
