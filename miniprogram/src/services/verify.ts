import { verifyCertificate, type VerificationView } from '../lib/verification';
import { config, history } from './app-services';
import { taroHttp } from './taro-http';
import { taroStore } from './taro-store';

/** Verifies (online, else offline by signature) and records the result in 我的检查记录. */
export async function verifyAndRecord(certificateNo: string, token: string | undefined): Promise<VerificationView> {
  const view = await verifyCertificate(
    { certificateNo, ...(token ? { token } : {}) },
    { http: taroHttp, apiBase: config.apiBase, store: taroStore, bundledJwks: config.bundledJwks },
  );
  history.recordVerification(view, token);
  return view;
}
