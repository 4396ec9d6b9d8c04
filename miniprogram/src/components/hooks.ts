import { useEffect, useState } from 'preact/hooks';
import { useDidShow } from '@tarojs/taro';
import type { QueueItem } from '../lib/queue';
import { queue } from '../services/app-services';

/** The queue's items, re-read whenever the queue changes or the page is shown again. */
export function useQueue(): QueueItem[] {
  const [items, setItems] = useState<QueueItem[]>(() => queue.items());
  useEffect(() => queue.subscribe(() => setItems(queue.items())), []);
  useDidShow(() => setItems(queue.items()));
  return items;
}
