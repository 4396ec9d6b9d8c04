import { useEffect, useState } from 'preact/hooks';
import { disclosureStatusLabels } from '@sunlight/domain/schemas/disclosure';
import {
  publicFormOfAnswer,
  verifyRecordInLog,
  type InclusionAnswer,
  type LogLeaf,
  type SignedTreeHead,
} from '@sunlight/verify/public-log';
import type { Jwks } from '@sunlight/verify/jws';

interface Props {
  id: string;
  /** /api/v1/<type>/{id} */
  recordApi: string;
}

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'passed'; leaf: LogLeaf; index: number; size: number; signedAt: number }
  | { kind: 'failed'; message: string };

async function json<T>(url: string, what: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`读取${what}失败（HTTP ${res.status}）`);
  return (await res.json()) as T;
}

const when = (ms: number | string) =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });

/**
 * Checks in the reader's browser that the record as served now is the one the portal's public log holds:
 * the signed tree head against the published keys, the leaf against the SHA-256 of this record's data, and
 * the audit path from the leaf to the head (@sunlight/verify, the same code partners run).
 */
export default function LogProof({ id, recordApi }: Props) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  // Rendered on the server disabled: the button works once this island has loaded.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const run = async () => {
    setState({ kind: 'running' });
    try {
      const sth = await json<SignedTreeHead>('/api/v1/log/sth', '签名树头');
      const [inclusion, jwks, record] = await Promise.all([
        json<InclusionAnswer>(
          `/api/v1/log/inclusion?id=${encodeURIComponent(id)}&tree_size=${sth.tree_size}`,
          '日志证明',
        ),
        json<Jwks>('/.well-known/jwks.json', '签名公钥'),
        json<Record<string, unknown>>(recordApi, '本记录的数据'),
      ]);
      const check = await verifyRecordInLog({ id, form: publicFormOfAnswer(record), sth, jwks, inclusion });
      setState(
        check.ok
          ? {
              kind: 'passed',
              leaf: check.leaf,
              index: inclusion.leaf_index,
              size: sth.tree_size,
              signedAt: sth.timestamp,
            }
          : { kind: 'failed', message: check.message },
      );
    } catch (err) {
      setState({ kind: 'failed', message: (err as Error).message });
    }
  };

  return (
    <div class="log-proof" data-state={state.kind}>
      <button
        type="button"
        class="button button--secondary"
        onClick={run}
        disabled={!ready || state.kind === 'running'}
      >
        在浏览器中核验
      </button>
      <div aria-live="polite">
        {state.kind === 'running' && <p>正在取回日志证明并计算……</p>}
        {state.kind === 'passed' && (
          <p class="log-proof__verdict" data-ok="true">
            ✓ 核验通过：本记录现在的内容与公开日志第 {state.index + 1} 条（
            {disclosureStatusLabels[state.leaf.event]}，{when(state.leaf.at)}）记载的一致，该条目包含在{' '}
            {when(state.signedAt)} 签名、共 {state.size} 条的日志树头中。
          </p>
        )}
        {state.kind === 'failed' && (
          <p class="log-proof__verdict" data-ok="false">
            ✕ 核验未通过：{state.message}。请保存本页并向区司法局反映。
          </p>
        )}
      </div>
    </div>
  );
}
