import { Text, View } from '@tarojs/components';
import { Btn, TextInput } from './controls';
import { creditCodeFeedback } from '../lib/forms';
import { ErrorText } from './ui';

/** 统一社会信用代码, checked as it is typed (length, character set, GB 32100 check character). */
export function CreditCodeField(props: {
  value: string;
  acceptLegacy: boolean;
  error?: string;
  onChange: (v: string) => void;
  onAcceptLegacy: (v: boolean) => void;
}) {
  const f = creditCodeFeedback(props.value);
  return (
    <View className="field">
      <Text className="label" id="cc-label">
        贵单位的统一社会信用代码
      </Text>
      <TextInput
        className="input input-mono"
        value={props.value}
        maxLength={24}
        placeholder="营业执照上的18位代码"
        labelledBy="cc-label"
        testid="credit-code"
        onInput={props.onChange}
      />
      {f.state === 'ok' ? <Text className="hint hint-ok">✓ {f.message}</Text> : null}
      {f.state === 'typing' ? <Text className="hint">{f.message}</Text> : null}
      {f.state === 'error' && !props.error ? <Text className="hint hint-warn">{f.message}</Text> : null}
      {f.state === 'checksum' ? (
        <View>
          <Text className="hint hint-warn">{f.message}</Text>
          <Btn
            className={`chip ${props.acceptLegacy ? 'chip-on' : ''}`}
            pressed={props.acceptLegacy}
            style={{ marginTop: '0.5rem' }}
            onClick={() => props.onAcceptLegacy(!props.acceptLegacy)}
            testid="accept-legacy"
          >
            {props.acceptLegacy ? '✓ ' : ''}按营业执照原样提交
          </Btn>
        </View>
      ) : null}
      <Text className="hint">用于证明您是被检查的单位，只与检查对象比对，不会公开。</Text>
      <ErrorText text={props.error} />
    </View>
  );
}

/** The one line the issue asks for, on both forms. */
export function AnonymityNote() {
  return (
    <View className="banner banner-ok" data-testid="anonymity">
      <Text>被检查机关看不到是谁登记或评价的：内容直接提交区司法局（执法监督机关）。</Text>
    </View>
  );
}
