import Taro from '@tarojs/taro';
import type { KeyValueStore } from '../lib/storage';

/** Taro's synchronous storage (wx storage on WeChat, localStorage on h5). */
export const taroStore: KeyValueStore = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key);
      return typeof v === 'string' && v !== '' ? v : undefined;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    Taro.setStorageSync(key, value);
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // already gone
    }
  },
};
