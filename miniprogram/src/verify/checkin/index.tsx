import { useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { AnonymityNote, CreditCodeField } from '../../components/CreditCodeField';
import { SubmissionState } from '../../components/SubmissionState';
import { ErrorText, Page } from '../../components/ui';
import { useQueue } from '../../components/hooks';
import { buildCheckIn, type FieldErrors, firstError } from '../../lib/forms';
import { uuidV4 } from '../../lib/uuid';
import { history, queue, rememberCreditCode, rememberedCreditCode, submit } from '../../services/app-services';
import { routeParams } from '../../services/navigation';
import { Btn } from '../../components/controls';

export default function CheckInPage() {
  const no = routeParams().no ?? '';
  const entry = history.get(no);
  const [creditCode, setCreditCode] = useState(rememberedCreditCode);
  const [acceptLegacy, setAcceptLegacy] = useState(false);
  const [shown, setShown] = useState<boolean | undefined>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submittedId, setSubmittedId] = useState<string | undefined>();
  const items = useQueue();
  const item = items.find((x) => x.id === submittedId);

  const onSubmit = () => {
    if (submittedId) return;
    const built = buildCheckIn(
      { creditCode, acceptLegacyCode: acceptLegacy, credentialsShown: shown },
      { clientId: uuidV4(), token: entry?.token },
    );
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    rememberCreditCode(built.body.creditCode);
    setSubmittedId(submit('checkin', no, built.body).id);
  };

  return (
    <Page title="事中登记">
      <Text className="h1">事中登记</Text>
      <Text className="muted" style={{ display: 'block', marginBottom: '0.75rem' }}>
        确认检查证 <Text className="mono">{no}</Text> 对应的检查正在贵单位进行。
      </Text>
      <AnonymityNote />
      {submittedId ? (
        <SubmissionState
          item={item}
          onRedo={() => {
            if (submittedId) queue.discard(submittedId);
            setSubmittedId(undefined);
          }}
        />
      ) : (
        <View>
          <View className="field" role="radiogroup" aria-labelledby="shown-label">
            <Text className="label" id="shown-label">
              检查人员是否出示了执法证件？
            </Text>
            <View className="btn-row">
              <Btn
                className={`chip ${shown === true ? 'chip-on' : ''}`}
                pressed={shown === true}
                onClick={() => setShown(true)}
                testid="shown-yes"
              >
                出示了
              </Btn>
              <Btn
                className={`chip ${shown === false ? 'chip-on' : ''}`}
                pressed={shown === false}
                onClick={() => setShown(false)}
                testid="shown-no"
              >
                没有出示
              </Btn>
            </View>
            <ErrorText text={errors.credentialsShown} />
          </View>
          <CreditCodeField
            value={creditCode}
            acceptLegacy={acceptLegacy}
            error={errors.creditCode}
            onChange={setCreditCode}
            onAcceptLegacy={setAcceptLegacy}
          />
          <ErrorText text={errors.token} />
          <Btn className="btn btn-primary" onClick={onSubmit} testid="submit">
            提交登记
          </Btn>
          {Object.keys(errors).length ? <ErrorText text={`请先改正：${firstError(errors) ?? ''}`} /> : null}
        </View>
      )}
    </Page>
  );
}
