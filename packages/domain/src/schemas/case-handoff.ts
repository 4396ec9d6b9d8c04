import { z } from 'zod';

/**
 * 交办 (hand-off) of a work order to the agency it concerns: the agency account replies, the supervisor
 * accepts the reply (the order is closed) or returns it with a reason (the agency replies again).
 */
export const HANDOFF_STATES = ['handed', 'replied', 'returned', 'accepted'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];
export const handoffStateLabels: Readonly<Record<HandoffState, string>> = {
  handed: '已交办，待执法单位回复',
  replied: '执法单位已回复，待审核',
  returned: '已退回，待执法单位重新回复',
  accepted: '回复已采纳',
};
/** States in which the agency owes a reply (and can be overdue). */
export const HANDOFF_AWAITING_AGENCY: readonly HandoffState[] = ['handed', 'returned'];

/** The supervisor's decision on a reply. */
export const REVIEW_DECISIONS = ['accepted', 'returned'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const reviewDecisionLabels: Readonly<Record<ReviewDecision, string>> = {
  accepted: '采纳并办结',
  returned: '退回重办',
};

export const MIN_HANDOFF_WORKING_DAYS = 1;
export const MAX_HANDOFF_WORKING_DAYS = 60;
export const DEFAULT_HANDOFF_WORKING_DAYS = 10;

export const HandoffWorkingDaysSchema = z.coerce
  .number({ error: '办理期限应为工作日天数，如 10' })
  .int('办理期限应为整数个工作日，如 10')
  .min(MIN_HANDOFF_WORKING_DAYS, `办理期限至少 ${MIN_HANDOFF_WORKING_DAYS} 个工作日`)
  .max(MAX_HANDOFF_WORKING_DAYS, `办理期限不超过 ${MAX_HANDOFF_WORKING_DAYS} 个工作日`);
