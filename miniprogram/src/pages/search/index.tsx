import { useEffect, useRef, useState } from 'preact/hooks';
import { Text, View } from '@tarojs/components';
import { Btn, Select, TextInput } from '../../components/controls';
import { Page } from '../../components/ui';
import { isNetworkError } from '../../lib/http';
import {
  CATEGORY_OPTIONS,
  emptySearch,
  FIELD_OPTIONS,
  formatYuan,
  PAGE_SIZE,
  PERIOD_OPTIONS,
  type SearchAnswer,
  type SearchForm,
  SORT_OPTIONS,
} from '../../lib/search';
import { openDisclosure } from '../../services/navigation';
import { searchDisclosures } from '../../services/search';

export default function SearchPage() {
  const [form, setForm] = useState<SearchForm>(emptySearch);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<SearchAnswer | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);

  // Only the latest query's answer is shown, whatever order the answers arrive in.
  const seq = useRef(0);
  const run = async (f: SearchForm) => {
    const mine = ++seq.current;
    setLoading(true);
    setError(undefined);
    try {
      const a = await searchDisclosures(f);
      if (mine === seq.current) setAnswer(a);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(
        isNetworkError(err)
          ? `查询失败：${(err as Error).message}。请联网后重试。`
          : `查询失败：${(err as Error).message}`,
      );
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  const update = (patch: Partial<SearchForm>) => {
    const f = { ...form, ...patch, page: patch.page ?? 1 };
    setForm(f);
    void run(f);
  };

  useEffect(() => {
    void run(form);
  }, []);

  const pages = answer ? Math.ceil(answer.total / PAGE_SIZE) : 0;

  return (
    <Page title="公示查询">
      <Text className="h1">行政处罚公示查询</Text>
      <View className="field">
        <Text className="label" id="q-label">
          企业名称、信用代码、决定书文号或关键词
        </Text>
        <View style={{ display: 'flex', gap: '0.5rem' }}>
          <TextInput
            style={{ flex: 1 }}
            value={text}
            search
            maxLength={200}
            placeholder="如 食品、91990116…"
            labelledBy="q-label"
            testid="search-q"
            onInput={setText}
            onConfirm={() => update({ q: text })}
          />
          <Btn
            className="btn btn-primary"
            style={{ width: 'auto', margin: 0 }}
            onClick={() => update({ q: text })}
            testid="search-submit"
          >
            搜索
          </Btn>
        </View>
      </View>
      <View className="btn-row" style={{ marginBottom: '0.75rem' }}>
        <View style={{ flex: '1 1 9rem' }}>
          <Select
            label="领域"
            options={FIELD_OPTIONS}
            value={form.field}
            onChange={(field) => update({ field })}
            testid="filter-field"
          />
        </View>
        <View style={{ flex: '1 1 9rem' }}>
          <Select
            label="类别"
            options={CATEGORY_OPTIONS}
            value={form.category}
            onChange={(category) => update({ category })}
            testid="filter-category"
          />
        </View>
      </View>
      <View style={{ marginBottom: '0.75rem' }}>
        {PERIOD_OPTIONS.map((p) => (
          <Btn
            key={p.value}
            className={`chip ${form.period === p.value ? 'chip-on' : ''}`}
            pressed={form.period === p.value}
            onClick={() => update({ period: p.value })}
          >
            {p.label}
          </Btn>
        ))}
      </View>
      <View style={{ marginBottom: '0.75rem' }}>
        <Text className="small muted">排序：</Text>
        {SORT_OPTIONS.map((s) => (
          <Btn
            key={s.value}
            className={`chip ${form.sort === s.value ? 'chip-on' : ''}`}
            pressed={form.sort === s.value}
            onClick={() => update({ sort: s.value })}
          >
            {s.label}
          </Btn>
        ))}
      </View>
      {error ? (
        <View className="banner banner-error" role="alert">
          <Text>{error}</Text>
        </View>
      ) : null}
      {answer ? (
        <View className="muted" style={{ marginBottom: '0.5rem' }} role="status" data-testid="search-total">
          {loading ? '正在查询…' : `共 ${answer.total} 条`}
        </View>
      ) : loading ? (
        <Text className="muted">正在查询…</Text>
      ) : null}
      {answer?.hits.map((h) => (
        <Btn
          key={h.id}
          className="list-item"
          style={{ textAlign: 'left', width: '100%' }}
          onClick={() => openDisclosure(h.id)}
          testid="search-hit"
        >
          <Text style={{ display: 'block', fontWeight: 700 }}>{h.partyName}</Text>
          <Text style={{ display: 'block' }}>{h.violationType}</Text>
          <Text className="small muted" style={{ display: 'block' }}>
            {h.agencyName} · {h.decisionDate}
          </Text>
          <Text className="small" style={{ display: 'block' }}>
            处罚：{h.categories.join('、') || '—'}
            {h.fineYuan ? `；罚款 ${formatYuan(h.fineYuan)}` : ''}
          </Text>
          <Text className="small muted mono" style={{ display: 'block' }}>
            {h.decisionNo}
          </Text>
        </Btn>
      ))}
      {answer && pages > 1 ? (
        <View className="btn-row">
          <Btn className="btn" disabled={form.page <= 1} onClick={() => update({ page: form.page - 1 })}>
            上一页
          </Btn>
          <Text style={{ alignSelf: 'center' }}>
            {form.page}/{pages}
          </Text>
          <Btn className="btn" disabled={form.page >= pages} onClick={() => update({ page: form.page + 1 })}>
            下一页
          </Btn>
        </View>
      ) : null}
    </Page>
  );
}
