import { useEffect, useRef } from 'preact/hooks';

interface Props {
  formId: string;
  resultsId: string;
  statusId: string;
}

/**
 * Search as you type: when JavaScript runs, typing in the search box (or changing a filter) fetches
 * the same server-rendered page for the new query and swaps in its results, and copies every element
 * marked `data-live="key"` (facet counts, the number of active filters) from the fresh page. Without
 * JavaScript the form simply submits; the URL is always the shareable one.
 *
 * While an input method is composing (pinyin not yet turned into 汉字) nothing is searched: the search
 * runs once the composition ends, for the characters the reader chose.
 */
export default function LiveSearch({ formId, resultsId, statusId }: Props) {
  const timer = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const status = document.getElementById(statusId);
    let composing = false;
    let lastUrl = `${location.pathname}${location.search}`;

    const run = async () => {
      if (composing) return;
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') params.append(k, v.trim());
      const url = `${new URL(form.action || location.pathname, location.href).pathname}?${params.toString()}`;
      if (url === lastUrl) return;
      lastUrl = url;
      controller.current?.abort();
      controller.current = new AbortController();
      if (status) status.textContent = '正在搜索…';
      try {
        const res = await fetch(url, { signal: controller.current.signal, headers: { accept: 'text/html' } });
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = doc.getElementById(resultsId);
        const current = document.getElementById(resultsId);
        if (fresh && current) current.replaceWith(fresh);
        for (const el of form.querySelectorAll<HTMLElement>('[data-live]')) {
          const update = doc.querySelector(`[data-live="${CSS.escape(el.dataset.live ?? '')}"]`);
          el.textContent = update?.textContent ?? '';
        }
        history.replaceState(null, '', url);
        if (status) status.textContent = doc.getElementById(statusId)?.textContent ?? '';
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        lastUrl = '';
        if (status) status.textContent = '搜索暂时失败，请按“搜索”按钮重试。';
      }
    };
    const schedule = (delay: number) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(), delay);
    };
    const onInput = (e: Event) => {
      const t = e.target as HTMLInputElement;
      if (t.name !== 'q') return;
      if (composing || (e as InputEvent).isComposing) {
        window.clearTimeout(timer.current);
        return;
      }
      schedule(350);
    };
    const onChange = (e: Event) => {
      const t = e.target as HTMLInputElement;
      if (t.name !== 'q') schedule(50);
    };
    const onCompositionStart = () => {
      composing = true;
      window.clearTimeout(timer.current);
    };
    const onCompositionEnd = (e: Event) => {
      composing = false;
      if ((e.target as HTMLInputElement).name === 'q') schedule(350);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onChange);
    form.addEventListener('compositionstart', onCompositionStart);
    form.addEventListener('compositionend', onCompositionEnd);
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onChange);
      form.removeEventListener('compositionstart', onCompositionStart);
      form.removeEventListener('compositionend', onCompositionEnd);
    };
  }, [formId, resultsId, statusId]);

  return null;
}
