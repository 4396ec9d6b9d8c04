import { useEffect, useRef } from 'preact/hooks';

interface Props {
  formId: string;
  resultsId: string;
  statusId: string;
}

/**
 * Search as you type: when JavaScript runs, typing in the search box (or changing a filter) fetches
 * the same server-rendered page for the new query and swaps in its results. Without JavaScript the
 * form simply submits; the URL is always the shareable one.
 */
export default function LiveSearch({ formId, resultsId, statusId }: Props) {
  const timer = useRef<number | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    const form = document.getElementById(formId) as HTMLFormElement | null;
    if (!form) return;
    const status = document.getElementById(statusId);

    const run = async () => {
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim() !== '') params.append(k, v.trim());
      const url = `${form.action || location.pathname}?${params.toString()}`;
      controller.current?.abort();
      controller.current = new AbortController();
      if (status) status.textContent = '正在搜索…';
      try {
        const res = await fetch(url, { signal: controller.current.signal, headers: { accept: 'text/html' } });
        const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
        const fresh = doc.getElementById(resultsId);
        const current = document.getElementById(resultsId);
        if (fresh && current) current.replaceWith(fresh);
        history.replaceState(null, '', url);
        if (status) status.textContent = doc.getElementById(statusId)?.textContent ?? '';
      } catch (err) {
        if ((err as Error).name !== 'AbortError' && status) status.textContent = '搜索暂时失败，请按“搜索”按钮重试。';
      }
    };
    const schedule = (delay: number) => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void run(), delay);
    };
    const onInput = (e: Event) => {
      const t = e.target as HTMLInputElement;
      if (t.name === 'q') schedule(350);
    };
    const onChange = (e: Event) => {
      const t = e.target as HTMLInputElement;
      if (t.name !== 'q') schedule(50);
    };
    form.addEventListener('input', onInput);
    form.addEventListener('change', onChange);
    return () => {
      form.removeEventListener('input', onInput);
      form.removeEventListener('change', onChange);
    };
  }, [formId, resultsId, statusId]);

  return null;
}
