import { useEffect, useState } from 'preact/hooks';
import {
  checkDraw,
  committedDrawForm,
  DRAW_ALGORITHM,
  type DrawCheck as Check,
  type DrawInputs,
  type DrawResult,
} from '@sunlight/verify/draw';
import type { Jwks } from '@sunlight/verify/jws';
import { verifyRecordInLog, type InclusionAnswer, type SignedTreeHead } from '@sunlight/verify/public-log';

interface Props {
  /** /api/v1/draws/{id} */
  src: string;
}

interface Published {
  id: string;
  agencyId: string;
  algorithm: string;
  createdAt: string;
  logIndex?: number;
  beacon?: SignedTreeHead;
  status: 'committed' | 'revealed';
  inputs: DrawInputs;
  inputsHash: string;
  commitment: string;
  seed?: string;
  result?: DrawResult;
}

type State =
  | { kind: 'running' }
  | { kind: 'pending' }
  | { kind: 'done'; check: Check; ms: number; beacon?: { ok: boolean; message?: string; index?: number } }
  | { kind: 'failed'; message: string };

const Mark = ({ ok }: { ok: boolean }) => (
  <strong class={`tag ${ok ? 'tag--green' : 'tag--red'}`}>{ok ? '✓ 一致' : '✕ 不一致'}</strong>
);

/**
 * Re-runs the published draw in the reader's browser with the same code the portal used
 * (@sunlight/verify/draw): SHA-256 of the seed against the commitment, SHA-256 of the inputs, and the
 * whole selection from inputs and seed.
 */
export default function DrawCheck({ src }: Props) {
  const [state, setState] = useState<State>({ kind: 'running' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const res = await fetch(src, { headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(`读取抽取记录失败（HTTP ${res.status}）`);
        const d = (await res.json()) as Published;
        if (d.status !== 'revealed' || !d.seed || !d.result) {
          if (!cancelled) setState({ kind: 'pending' });
          return;
        }
        const started = performance.now();
        const check = checkDraw({
          inputs: d.inputs,
          seed: d.seed,
          commitment: d.commitment,
          inputsHash: d.inputsHash,
          result: d.result,
          algorithm: d.algorithm,
          ...(d.beacon ? { beacon: d.beacon } : {}),
        });
        const ms = performance.now() - started;
        let beacon: { ok: boolean; message?: string; index?: number } | undefined;
        if (d.algorithm === DRAW_ALGORITHM && d.beacon) {
          // The beacon is a head the portal signed, and it holds the commitment entry: it came after the commitment.
          const [jwks, inclusion] = await Promise.all([
            fetch('/.well-known/jwks.json').then((r) => r.json() as Promise<Jwks>),
            fetch(`/api/v1/log/inclusion?id=${encodeURIComponent(d.id)}&tree_size=${d.beacon.tree_size}`).then(
              (r) => r.json() as Promise<InclusionAnswer>,
            ),
          ]);
          const logged = await verifyRecordInLog({
            id: d.id,
            form: committedDrawForm(d),
            sth: d.beacon,
            jwks,
            inclusion,
          });
          beacon = logged.ok
            ? { ok: inclusion.leaf_index === d.logIndex, index: inclusion.leaf_index }
            : { ok: false, message: logged.message };
        }
        if (!cancelled) setState({ kind: 'done', check, ms, ...(beacon ? { beacon } : {}) });
      } catch (err) {
        if (!cancelled) setState({ kind: 'failed', message: (err as Error).message });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [src]);

  return (
    <div class="draw-check" aria-live="polite" data-state={state.kind}>
      {state.kind === 'running' && <p>正在您的浏览器中重新计算……</p>}
      {state.kind === 'pending' && <p>种子尚未公开。揭晓后，本页会在您的浏览器中重新计算并核对结果。</p>}
      {state.kind === 'failed' && <p class="error-message">无法重新计算：{state.message}</p>}
      {state.kind === 'done' && (
        <>
          <p
            class="draw-check__verdict"
            data-matches={String(
              state.check.commitmentMatches &&
                state.check.inputsHashMatches &&
                state.check.resultMatches &&
                state.beacon?.ok !== false,
            )}
          >
            {state.check.commitmentMatches &&
            state.check.inputsHashMatches &&
            state.check.resultMatches &&
            state.beacon?.ok !== false
              ? '✓ 已在您的浏览器中重新计算：结果与公布的完全一致。'
              : '✕ 重新计算的结果与公布的不一致，请向区司法局反映。'}
          </p>
          <ul class="draw-check__list">
            <li>
              种子的 SHA-256 与事先公布的承诺 <Mark ok={state.check.commitmentMatches} />
            </li>
            <li>
              输入（对象库、人员库、事项、数量）的 SHA-256 摘要 <Mark ok={state.check.inputsHashMatches} />
            </li>
            {state.beacon && (
              <li>
                承诺在揭晓前已记入公开日志
                {state.beacon.index !== undefined ? `第 ${state.beacon.index + 1} 条` : ''}
                ，种子所用的信标树头由本站签名且包含该承诺 <Mark ok={state.beacon.ok} />
                {state.beacon.message && <span class="small">（{state.beacon.message}）</span>}
              </li>
            )}
            <li>
              按算法重新抽取的结果 <Mark ok={state.check.resultMatches} />
            </li>
          </ul>
          <p class="small">用时 {state.ms.toFixed(1)} 毫秒。</p>
        </>
      )}
    </div>
  );
}
