import Taro from '@tarojs/taro';

const q = encodeURIComponent;

export function openResult(certificateNo: string, token?: string) {
  return Taro.navigateTo({ url: `/verify/result/index?no=${q(certificateNo)}${token ? `&t=${q(token)}` : ''}` });
}

export function openScan(mode: 'camera' | 'manual' = 'camera', message?: string) {
  return Taro.navigateTo({ url: `/verify/scan/index?mode=${mode}${message ? `&msg=${q(message)}` : ''}` });
}

export const openCheckIn = (no: string) => Taro.navigateTo({ url: `/verify/checkin/index?no=${q(no)}` });
export const openEvaluate = (no: string) => Taro.navigateTo({ url: `/verify/evaluate/index?no=${q(no)}` });
/** After a check-in: the evaluation takes the check-in's place (back still leads to the result). */
export const redirectEvaluate = (no: string) => Taro.redirectTo({ url: `/verify/evaluate/index?no=${q(no)}` });
export const openDisclosure = (id: string) => Taro.navigateTo({ url: `/disclosure/detail/index?id=${q(id)}` });
export const openReport = (certificateNo?: string) =>
  Taro.navigateTo({ url: `/report/new/index${certificateNo ? `?no=${q(certificateNo)}` : ''}` });
export const openReceipt = (receipt: string) => Taro.navigateTo({ url: `/report/receipt/index?receipt=${q(receipt)}` });
export const openRecords = () => Taro.switchTab({ url: '/pages/records/index' });
export const openSearch = () => Taro.switchTab({ url: '/pages/search/index' });

/** Router params, decoded (h5 hands them over still encoded in some versions). */
export function routeParams(): Record<string, string> {
  const params = Taro.getCurrentInstance().router?.params ?? {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== 'string') continue;
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}
