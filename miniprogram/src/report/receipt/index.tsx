import { useState } from 'preact/hooks';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { createApiClient } from '@sunlight/api-client';
import type { ReportReceipt } from '@sunlight/domain/schemas/report';
import { chinaDateTime } from '@sunlight/domain/china-time';
import { useQueue } from '../../components/hooks';
import { ErrorText, KV, Page, Tag } from '../../components/ui';
import { photoProgress } from '../../lib/queue';
import { config } from '../../services/app-services';
import { routeParams } from '../../services/navigation';
import { taroHttp } from '../../services/taro-http';

/** Progress of a report (受理 → 核查中 → 已办结) and the supervisor's reply, by receipt number. */
export default function ReceiptPage() {
  const receipt = routeParams().receipt ?? '';
  const [report, setReport] = useState<ReportReceipt | undefined>();
  const [error, setError] = useState<string | undefined>();
  // Photos filed from this phone: how many the portal has, how many still wait here.
  const filed = useQueue().find((x) => x.receipt === receipt);
  const photos = photoProgress(filed);

  useDidShow(() => {
    void createApiClient(taroHttp, config.apiBase)
      .readReport(receipt)
      .then((r) => {
        if (r.ok) {
          setReport(r.body);
          setError(undefined);
        } else setError(r.message);
      })
      .catch(() => setError('网络不可用：联网后再打开本页查看进度'));
  });

  const tone = report?.status === 'received' ? 'neutral' : report?.status === 'verifying' ? 'warning' : 'success';
  return (
    <Page title="办理进度">
      <Text className="h1">反映办理进度</Text>
      <KV k="回执编号">
        <Text className="mono" selectable>
          {receipt}
        </Text>
      </KV>
      <ErrorText text={error} />
      {report ? (
        <View data-testid="receipt">
          <KV k="问题类型">{report.kindLabel}</KV>
          <KV k="被反映单位">{report.agencyName ?? '不清楚'}</KV>
          <KV k="受理时间">{chinaDateTime(report.receivedAt)}</KV>
          {report.deadline ? <KV k="办理期限">{report.deadline}</KV> : null}
          <KV k="办理状态">
            <Tag tone={tone}>{report.statusLabel}</Tag>
          </KV>
          {filed?.photos?.length ? (
            <KV k="照片">
              <Text data-testid="receipt-photos">
                已送达 {photos.sent} 张{photos.waiting ? `，${photos.waiting} 张待发送（联网后自动发送）` : ''}
                {photos.refused.length ? `，${photos.refused.length} 张未被接受` : ''}
              </Text>
            </KV>
          ) : null}
          <Text className="h2">回告</Text>
          <View className="card">
            <Text>{report.reply ?? '区司法局办结后会在这里答复。'}</Text>
          </View>
        </View>
      ) : null}
    </Page>
  );
}
