import type { InspectionResultValue } from '@sunlight/domain/schemas/inspection-result';

/** The colour of a result's tag: green for no problem, yellow for a problem, grey when nothing could be inspected. */
export function resultTag(result: InspectionResultValue): string {
  if (result === '未发现问题') return 'tag--green';
  if (result === '发现问题已责令改正' || result === '发现问题待后续处理') return 'tag--yellow';
  if (result === '不配合检查情节严重') return 'tag--red';
  return 'tag--grey';
}
