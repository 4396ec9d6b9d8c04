import { useEffect, useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { KV, Page } from '../../components/ui';
import { type DisclosureAnswer, fetchDisclosure } from '../../lib/api';
import { config } from '../../services/app-services';
import { routeParams } from '../../services/navigation';
import { taroHttp } from '../../services/taro-http';
import { Btn } from '../../components/controls';

/** Public fields in display order (restricted fields are never in the API's answer). */
const FIELDS: [string, string][] = [
  ['decisionNo', '决定书文号'],
  ['partyName', '行政相对人'],
  ['partyType', '相对人类别'],
  ['partyCreditCode', '统一社会信用代码'],
  ['legalRepresentative', '法定代表人'],
  ['violationType', '违法行为类型'],
  ['violationFacts', '违法事实'],
  ['penaltyBasis', '处罚依据'],
  ['penaltyCategories', '处罚类别'],
  ['penaltyContent', '处罚内容'],
  ['fineAmount', '罚款金额（万元）'],
  ['confiscatedAmount', '没收金额（万元）'],
  ['decisionDate', '处罚决定日期'],
  ['penaltyValidUntil', '处罚有效期'],
  ['authorityName', '处罚机关'],
  ['field', '执法领域'],
  ['region', '地区'],
  ['publicationEndDate', '公示截止期'],
  ['correctionNote', '更正说明'],
];

const show = (v: unknown) =>
  Array.isArray(v) ? v.join('、') : v === null || v === undefined || v === '' ? '' : String(v);

export default function DisclosurePage() {
  const id = routeParams().id ?? '';
  const [answer, setAnswer] = useState<DisclosureAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = async () => {
    setError(undefined);
    try {
      setAnswer(await fetchDisclosure(taroHttp, config.apiBase, id));
    } catch (err) {
      setError(`无法加载：${(err as Error).message}。请联网后重试。`);
    }
  };
  useEffect(() => {
    void load();
  }, [id]);

  return (
    <Page title="处罚决定公示">
      {error ? (
        <View>
          <View className="banner banner-error" role="alert">
            <Text>{error}</Text>
          </View>
          <Btn className="btn" onClick={load}>
            重试
          </Btn>
        </View>
      ) : null}
      {!answer && !error ? <Text className="muted">正在加载…</Text> : null}
      {answer?.kind === 'missing' ? (
        <View className="banner banner-error" role="alert">
          <Text>{answer.detail}</Text>
        </View>
      ) : null}
      {answer?.kind === 'gone' ? (
        <View>
          <Text className="h1">该公示已撤下</Text>
          <View className="banner">
            <Text>{answer.detail}</Text>
          </View>
          <View className="card">
            {Object.entries(answer.record)
              .filter(
                ([k, v]) => ['decisionNo', 'decisionDate', 'reason', 'withdrawnAt', 'type'].includes(k) && show(v),
              )
              .map(([k, v]) => (
                <KV key={k} k={k}>
                  <Text>{show(v)}</Text>
                </KV>
              ))}
          </View>
        </View>
      ) : null}
      {answer?.kind === 'found' ? (
        <View>
          <Text className="h1" data-testid="disclosure-title">
            {show(answer.record.partyName)}
          </Text>
          <View className="card">
            {FIELDS.filter(([k]) => show(answer.record[k])).map(([k, label]) => (
              <KV key={k} k={label}>
                <Text>{show(answer.record[k])}</Text>
              </KV>
            ))}
          </View>
          {typeof answer.record.url === 'string' ? (
            <Text className="small muted mono" style={{ display: 'block' }}>
              原文：{answer.record.url}
            </Text>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
