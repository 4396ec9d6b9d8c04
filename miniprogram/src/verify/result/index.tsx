import { useEffect, useState } from 'preact/hooks';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { StatusPanel } from '../../components/StatusPanel';
import { KV, Page, Tag } from '../../components/ui';
import { useQueue } from '../../components/hooks';
import { queueStateText } from '../../lib/queue';
import type { VerificationView } from '../../lib/verification';
import { history } from '../../services/app-services';
import { openCheckIn, openEvaluate, routeParams } from '../../services/navigation';
import { verifyAndRecord } from '../../services/verify';
import { Btn } from '../../components/controls';

const inspectorTone = (status: string) => (status === 'valid' ? 'success' : status === 'unknown' ? 'neutral' : 'error');

export default function ResultPage() {
  const params = routeParams();
  const no = params.no ?? '';
  // A token comes from the QR code; a number typed by hand may still have one from an earlier scan.
  const token = params.t || history.get(no)?.token;
  const [view, setView] = useState<VerificationView | undefined>();
  const [loading, setLoading] = useState(true);
  const items = useQueue();

  const run = async () => {
    setLoading(true);
    try {
      setView(await verifyAndRecord(no, token));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void run();
  }, [no, token]);

  const entry = history.get(no);
  const checkin = items.find((x) => x.id === entry?.checkinId);
  const evaluation = items.find((x) => x.id === entry?.evaluationId);
  const canAct = !!(view?.genuine && (token || entry?.token));

  return (
    <Page title="核验结果">
      <Text className="muted small" style={{ display: 'block' }}>
        电子检查证编号
      </Text>
      <Text className="h1 mono" data-testid="certificate-no">
        {no}
      </Text>
      {loading && !view ? (
        <View className="status status-neutral" role="status">
          <Text className="status-headline">正在核验…</Text>
        </View>
      ) : null}
      {view ? <StatusPanel view={view} /> : null}
      {view ? (
        <View className="card">
          <KV k="检查主体">
            <Text>{view.agency?.name ?? (view.agency ? `机关编号 ${view.agency.id}（联网后显示名称）` : '—')}</Text>
          </KV>
          {view.window ? (
            <KV k="检查时间">
              <Text>
                <Text className="nowrap">{view.window.from}</Text> 至{' '}
                <Text className="nowrap">{view.window.until}</Text>
              </Text>
            </KV>
          ) : null}
          {view.source ? (
            <KV k="任务来源">
              <Text>{view.source}</Text>
            </KV>
          ) : null}
          {view.revocationReason ? (
            <KV k="撤销理由">
              <Text>{view.revocationReason}</Text>
            </KV>
          ) : null}
          {view.enterpriseHint ? (
            <KV k="被检查对象">
              <Text>统一社会信用代码末四位 {view.enterpriseHint}</Text>
            </KV>
          ) : null}
        </View>
      ) : null}
      {view?.inspectors?.length ? (
        <View>
          <Text className="h2">检查人员（请核对证件）</Text>
          {view.inspectors.map((p) => (
            <View className="card" key={p.certificateNo || p.name}>
              <Text style={{ display: 'block', fontSize: '1.25rem', fontWeight: 700 }}>{p.name}</Text>
              <KV k="执法证号">
                <Text className="mono">{p.certificateNo || '—'}</Text>
              </KV>
              <KV k="证件状态">
                <Tag tone={inspectorTone(p.status)}>{p.statusLabel}</Tag>
              </KV>
            </View>
          ))}
        </View>
      ) : null}
      {view?.items?.length ? (
        <View>
          <Text className="h2">检查事项和依据</Text>
          {view.items.map((it) => (
            <View className="card" key={it.code}>
              <Text style={{ display: 'block', fontWeight: 700 }}>{it.name}</Text>
              <Text className="muted small" style={{ display: 'block' }}>
                事项编码 {it.code}
              </Text>
              {it.basis.map((b) => (
                <Text key={b.label} style={{ display: 'block' }}>
                  依据：{b.label}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}

      {view ? (
        <View style={{ marginTop: '1rem' }}>
          {canAct ? (
            <View>
              <Btn className="btn btn-primary" onClick={() => openCheckIn(no)} testid="open-checkin">
                事中登记：确认正在接受检查
              </Btn>
              {checkin ? (
                <Text className="hint" style={{ marginBottom: '0.75rem' }}>
                  事中登记：{queueStateText(checkin).text}
                </Text>
              ) : null}
              <Btn className="btn btn-primary" onClick={() => openEvaluate(no)} testid="open-evaluate">
                事后评价：给这次检查打分
              </Btn>
              {evaluation ? (
                <Text className="hint" style={{ marginBottom: '0.75rem' }} data-testid="evaluation-state">
                  事后评价：{queueStateText(evaluation).text}
                </Text>
              ) : null}
            </View>
          ) : view.genuine ? (
            <View className="card small">
              <Text>手动输入的编号只能查询。登记和评价需要检查证二维码中的签名：请扫描检查人员出示的二维码。</Text>
            </View>
          ) : null}
          {view.mode !== 'online' ? (
            <Btn className="btn" onClick={run}>
              联网后重新核验
            </Btn>
          ) : null}
          <Btn
            className="btn"
            onClick={() => Taro.navigateBack().catch(() => Taro.switchTab({ url: '/pages/index/index' }))}
          >
            返回
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
