import { useState } from 'preact/hooks';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Btn } from '../../components/controls';
import { Page, Tag } from '../../components/ui';
import { useQueue } from '../../components/hooks';
import type { HistoryEntry } from '../../lib/history';
import { queueStateText } from '../../lib/queue';
import { chinaDateTime } from '@sunlight/domain/china-time';
import { flush, history } from '../../services/app-services';
import { openReceipt, openResult, openScan } from '../../services/navigation';

export default function RecordsPage() {
  const [entries, setEntries] = useState<HistoryEntry[]>(() => history.list());
  const items = useQueue();
  useDidShow(() => setEntries(history.list()));
  const pending = items.filter((x) => x.state === 'pending').length;
  const reports = items.filter((x) => x.kind === 'report');

  return (
    <Page title="我的检查记录">
      <Text className="h1">我的检查记录</Text>
      <Text className="muted small" style={{ display: 'block', marginBottom: '0.75rem' }}>
        在这台手机上核验、登记或评价过的检查。记录只保存在本机。
      </Text>
      {pending ? (
        <View className="banner" role="status">
          <Text style={{ display: 'block' }}>{pending} 条提交已保存，待发送。</Text>
          <Btn className="btn" style={{ marginTop: '0.5rem', marginBottom: 0 }} onClick={() => void flush(true)}>
            立即重试发送
          </Btn>
        </View>
      ) : null}
      {entries.length === 0 ? (
        <View className="card">
          <Text style={{ display: 'block', marginBottom: '0.75rem' }}>
            还没有记录。检查人员上门时，扫描检查证二维码即可核验。
          </Text>
          <Btn className="btn btn-primary" onClick={() => openScan('camera')}>
            扫码核验检查
          </Btn>
        </View>
      ) : null}
      {entries.map((e) => {
        const ev = items.find((x) => x.id === e.evaluationId);
        const ci = items.find((x) => x.id === e.checkinId);
        const evText = ev ? queueStateText(ev) : { text: '未评价', tone: 'neutral' as const };
        return (
          <Btn
            key={e.certificateNo}
            className="list-item"
            style={{ textAlign: 'left', width: '100%' }}
            onClick={() => openResult(e.certificateNo)}
            testid="record"
          >
            <Text className="mono" style={{ display: 'block', fontWeight: 700 }}>
              {e.certificateNo}
            </Text>
            <Text style={{ display: 'block' }}>
              {e.agencyName ?? (e.agencyId ? `机关编号 ${e.agencyId}` : '检查主体未知')}
            </Text>
            <View style={{ margin: '0.25rem 0' }}>
              <Tag tone={e.tone}>{e.label}</Tag>
              {e.mode === 'offline' ? <Text className="small muted">（离线核验）</Text> : null}
            </View>
            {ci ? (
              <Text className="small" style={{ display: 'block' }}>
                事中登记：{queueStateText(ci).text}
              </Text>
            ) : null}
            <Text className="small" style={{ display: 'block' }} data-testid="record-evaluation">
              事后评价：{evText.text}
            </Text>
            <Text className="small muted" style={{ display: 'block' }}>
              核验于 <Text className="nowrap">{chinaDateTime(e.checkedAt)}</Text>
            </Text>
          </Btn>
        );
      })}
      {reports.length ? (
        <View>
          <Text className="h2">我的反映</Text>
          {reports.map((r) => (
            <Btn
              key={r.id}
              className="list-item"
              style={{ textAlign: 'left', width: '100%' }}
              disabled={!r.receipt}
              onClick={() => (r.receipt ? void openReceipt(r.receipt) : undefined)}
              testid="report-record"
            >
              <Text style={{ display: 'block', fontWeight: 700 }}>{r.receipt ? `回执 ${r.receipt}` : '反映问题'}</Text>
              <Text className="small" style={{ display: 'block' }}>
                {queueStateText(r).text}
              </Text>
              <Text className="small muted" style={{ display: 'block' }}>
                提交于 <Text className="nowrap">{chinaDateTime(r.createdAt)}</Text>
              </Text>
            </Btn>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
