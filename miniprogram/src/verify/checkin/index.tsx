import { useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { AnonymityNote } from '../../components/AnonymityNote';
import { ErrorText, Page } from '../../components/ui';
import { useVerifySubmission, VerifyForm } from '../../components/VerifyForm';
import { buildCheckIn } from '../../lib/forms';
import { Btn } from '../../components/controls';

export default function CheckInPage() {
  const s = useVerifySubmission('checkin');
  const [shown, setShown] = useState<boolean | undefined>();

  const onSubmit = () => s.send((ctx) => buildCheckIn({ credentialsShown: shown }, ctx));

  return (
    <Page title="事中登记">
      <Text className="h1">事中登记</Text>
      <Text className="muted" style={{ display: 'block', marginBottom: '0.75rem' }}>
        确认检查证 <Text className="mono">{s.no}</Text> 对应的检查正在贵单位进行。
      </Text>
      <AnonymityNote />
      <VerifyForm state={s} submitLabel="提交登记" onSubmit={onSubmit}>
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
          <ErrorText text={s.errors.credentialsShown} />
        </View>
      </VerifyForm>
    </Page>
  );
}
