import { disclosureExport } from './export';
import { recordExportRoute, type ExportFormat } from './record-export';

/** GET /api/v1/exports/disclosures.{csv,ndjson}: every public decision (filter: agency, dateFrom, dateTo), streamed. */
export const exportRoute = (format: ExportFormat) => recordExportRoute(disclosureExport, format);
