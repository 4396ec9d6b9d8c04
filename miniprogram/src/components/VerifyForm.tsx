import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { View } from '@tarojs/components';
import type { CheckInContent, EvaluationContent } from '@sunlight/domain/schemas/evaluation';
import { BusinessIdentityField } from './BusinessIdentityField';
import { Btn } from './controls';
import { useQueue } from './hooks';
import { SubmissionState } from './SubmissionState';
import { ErrorText } from './ui';
import { type BuildContext, type Built, type FieldErrors, firstError } from '../lib/forms';
import type { QueueKind } from '../lib/queue';
import { uuidV4 } from '../lib/uuid';
import { businessIdentity, history, queue, submit } from '../services/app-services';
import { openRecords, redirectEvaluate, routeParams } from '../services/navigation';

/**
 * What the 事中登记 and 事后评价 pages share: the certificate from the route, this device's business
 * identity, the field errors and the submission through the offline queue.
 */
export function useVerifySubmission(kind: QueueKind) {
  const no = routeParams().no ?? '';
  const entry = history.get(no);
  const [identity, setIdentity] = useState(businessIdentity);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submittedId, setSubmittedId] = useState<string | undefined>();
  const items = useQueue();
  const item = items.find((x) => x.id === submittedId);

  /** Builds the body (errors stay on the form) and queues it, once. */
  const send = (build: (ctx: BuildContext) => Built<CheckInContent | EvaluationContent>) => {
    if (submittedId) return;
    const built = build({ clientId: uuidV4(), token: entry?.token, bound: !!identity });
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setSubmittedId(submit(kind, no, built.body).id);
  };
  const redo = () => {
    if (submittedId) queue.discard(submittedId);
    setSubmittedId(undefined);
  };
  const bound = (x: NonNullable<typeof identity>) => {
    setIdentity(x);
    setErrors(({ proof: _done, ...rest }) => rest);
  };
  return { kind, no, entry, items, item, submittedId, errors, identity, bound, send, redo };
}

export type VerifySubmission = ReturnType<typeof useVerifySubmission>;

/**
 * The form of such a page: its own fields (children), then the business identity, the submit button and
 * the error summary; once submitted, the live state of the submission instead.
 */
export function VerifyForm(p: {
  state: VerifySubmission;
  submitLabel: string;
  onSubmit: () => void;
  children: ComponentChildren;
}) {
  const { errors } = p.state;
  if (p.state.submittedId)
    return (
      <View>
        <SubmissionState item={p.state.item} onRedo={p.state.redo} />
        {p.state.item?.state !== 'rejected' ? <NextStep kind={p.state.kind} no={p.state.no} /> : null}
      </View>
    );
  return (
    <View>
      {p.children}
      <BusinessIdentityField identity={p.state.identity} error={errors.proof} onBound={p.state.bound} />
      <ErrorText text={errors.token} />
      <Btn className="btn btn-primary" onClick={p.onSubmit} testid="submit">
        {p.submitLabel}
      </Btn>
      {Object.keys(errors).length ? <ErrorText text={`请先改正：${firstError(errors) ?? ''}`} /> : null}
    </View>
  );
}

/** Once a check-in or evaluation is saved (sent or waiting), where to go next. */
function NextStep({ kind, no }: { kind: QueueKind; no: string }) {
  return (
    <View data-testid="next-step">
      {kind === 'checkin' ? (
        <Btn className="btn btn-primary" onClick={() => void redirectEvaluate(no)} testid="next-evaluate">
          检查结束了？现在评价这次检查
        </Btn>
      ) : null}
      <Btn className="btn" onClick={() => void openRecords()} testid="next-records">
        返回我的检查记录
      </Btn>
    </View>
  );
}
