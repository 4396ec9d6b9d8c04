import { Text, View } from '@tarojs/components';
import { type QueueItem, queueStateText } from '../lib/queue';
import { Btn } from './controls';

/** "已保存，待发送" → "已提交" (or why it was refused), live from the queue. */
export function SubmissionState({ item, onRedo }: { item: QueueItem | undefined; onRedo?: () => void }) {
  if (!item) return null;
  const s = queueStateText(item);
  const cls = s.tone === 'success' ? 'banner banner-ok' : s.tone === 'error' ? 'banner banner-error' : 'banner';
  return (
    <View className={cls} role="status" aria-live="polite" data-testid="submission-state" data-state={item.state}>
      <Text style={{ display: 'block', fontSize: '1.25rem', fontWeight: 700 }}>{s.text}</Text>
      {item.state === 'pending' ? (
        <Text style={{ display: 'block' }}>
          已保存在手机上{item.attempts > 0 ? `（已尝试 ${item.attempts} 次：${item.lastError ?? '网络不可用'}）` : ''}
          。联网后会自动发送，不会重复提交，可以离开此页面。
        </Text>
      ) : null}
      {item.state === 'sent' && item.message ? <Text style={{ display: 'block' }}>{item.message}</Text> : null}
      {item.state === 'rejected' && onRedo ? (
        <Btn className="btn" style={{ marginTop: '0.75rem', marginBottom: 0 }} onClick={onRedo} testid="redo">
          修改后重新提交
        </Btn>
      ) : null}
    </View>
  );
}
