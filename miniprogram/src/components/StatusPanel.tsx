import { Text, View } from '@tarojs/components';
import type { VerificationView } from '../lib/verification';

/** The verdict, as on the portal's /verify page: colour, a symbol and large words. */
export function StatusPanel({ view }: { view: VerificationView }) {
  return (
    <View
      className={`status status-${view.tone}`}
      role="status"
      aria-live="polite"
      data-status={view.status}
      data-mode={view.mode}
    >
      <View className="status-head">
        <View className="status-symbol" aria-hidden="true">
          <Text className="status-symbol-text">{view.symbol}</Text>
        </View>
        <Text className="status-headline">{view.headline}</Text>
      </View>
      <Text className="status-advice">{view.advice}</Text>
      {view.detail ? <Text className="status-note">原因：{view.detail}</Text> : null}
      {view.note ? (
        <Text className="status-note" data-testid="verify-mode">
          {view.note}
        </Text>
      ) : null}
    </View>
  );
}
