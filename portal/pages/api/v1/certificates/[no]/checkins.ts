import { businessSubmissionRoutes } from '../../../../../server/inspections/business-routes';
import { submitCheckIn } from '../../../../../server/inspections/evaluations';

/**
 * POST /api/v1/certificates/{no}/checkins — 事中登记 by the inspected enterprise:
 * `{"clientId": uuid, "creditCode": "…", "token": "<jws>", "credentialsShown": true}`. Idempotent by clientId.
 * GET: never readable with an agency token (403) or anonymously (401).
 */
export const { POST, GET } = businessSubmissionRoutes((db, no, body) => submitCheckIn(db, no, body));
