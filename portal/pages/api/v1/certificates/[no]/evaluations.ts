import { businessSubmissionRoutes } from '../../../../../server/inspections/business-routes';
import { submitEvaluation } from '../../../../../server/inspections/evaluations';

/**
 * POST /api/v1/certificates/{no}/evaluations — 事后评价 by the inspected enterprise:
 * `{"clientId", "token", "proof", "ratings": {lawfulness, courtesy, integrity, efficiency, overall}, "problems": […], "comment"}`.
 * One per certificate, replaceable for 7 days by the same business identity only, then final; idempotent by clientId.
 * GET: agencies never read evaluations (403); anonymous 401.
 */
export const { POST, GET } = businessSubmissionRoutes(submitEvaluation);
