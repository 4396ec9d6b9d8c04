import { useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { Btn, TextInput } from './controls';
import { ErrorText } from './ui';
import type { BusinessIdentity } from '../lib/business-identity';
import { bindThisDevice } from '../services/app-services';

/**
 * 企业身份: which business this device speaks for. Bound once with the one-time enrolment code the
 * business received from the operator (区司法局 or the 政务服务中心 counter) — the inspectors neither have
 * nor give one, so only the business itself can check in and rate.
 */
export function BusinessIdentityField(props: {
  identity: BusinessIdentity | undefined;
  error?: string;
  onBound: (identity: BusinessIdentity) => void;
}) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | undefined>();
  if (props.identity) {
    const { enterpriseName, creditCode } = props.identity;
    return (
      <View className="field" data-testid="business-identity">
        <Text className="label">以贵单位身份提交</Text>
        <Text className="hint hint-ok">
          ✓ 本机已绑定：{enterpriseName ?? '贵单位'}（统一社会信用代码 <Text className="mono">{creditCode}</Text>）
        </Text>
        <Text className="hint">请勿把手机交给检查人员操作。</Text>
      </View>
    );
  }
  const bind = async () => {
    if (busy) return;
    setBusy(true);
    setMessage(undefined);
    const r = await bindThisDevice(code);
    setBusy(false);
    if (r.ok) props.onBound(r.identity);
    else setMessage(r.message);
  };
  return (
    <View className="field" data-testid="business-binding">
      <Text className="label" id="enrol-label">
        企业身份登记码
      </Text>
      <Text className="hint">
        首次使用请绑定企业身份：输入区司法局（或政务服务中心）核验营业执照后发给贵单位的登记码。检查人员不会、也不能给您登记码。
      </Text>
      <TextInput
        className="input input-mono"
        value={code}
        maxLength={40}
        placeholder="如 7KQ2-M9XD-4HTP-WN3C"
        labelledBy="enrol-label"
        testid="enrolment-code"
        onInput={setCode}
      />
      <Btn className="btn" onClick={() => void bind()} testid="bind-device">
        {busy ? '正在绑定…' : '绑定本机'}
      </Btn>
      <ErrorText text={message ?? props.error} />
    </View>
  );
}
