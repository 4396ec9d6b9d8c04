import { businessSubmissionRoutes } from '../../../../../server/inspections/business-routes';
import { submitCheckIn } from '../../../../../server/inspections/evaluations';

/**
 * POST /api/v1/certificates/{no}/checkins — 事中登记 by the inspected enterprise:
 * `{"clientId": uuid, "token": "<jws>", "credentialsShown": true, "proof": "<企业身份凭证>"}`. Only the inspected
 * business (its proof, never the QR token or credit code) is accepted; idempotent by clientId.
 * GET: never readable with an agency token (403) or anonymously (401).
 */
export const { POST, GET } = businessSubmissionRoutes(submitCheckIn);
