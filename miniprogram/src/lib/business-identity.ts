import { type BusinessCredential, createApiClient, UnreadableAnswer } from '@sunlight/api-client';
import { fieldErrors } from '@sunlight/domain/errors';
import { BusinessEnrolmentSchema } from '@sunlight/domain/schemas/evaluation';
import { type HttpClient, isNetworkError } from './http';
import { type KeyValueStore, readJson, writeJson } from './storage';
import { uuidV4 } from './uuid';

/**
 * This device's business identity (企业身份): the credential the portal issued when the business bound
 * this phone with the one-time enrolment code it received from the operator (never from the inspecting
 * agency). Every check-in and evaluation is sent with it as `proof`; the certificate's QR token and the
 * credit code prove nothing about who is sending. Kept in the device's storage only.
 */
export type BusinessIdentity = Omit<BusinessCredential, 'message'> & { boundAt: number };

export const BUSINESS_IDENTITY_KEY = 'sunlight.businessIdentity';
export const DEVICE_ID_KEY = 'sunlight.deviceId';

export function readBusinessIdentity(store: KeyValueStore): BusinessIdentity | undefined {
  const v = readJson<BusinessIdentity | null>(store, BUSINESS_IDENTITY_KEY, null);
  return v && typeof v.credential === 'string' && typeof v.creditCode === 'string' ? v : undefined;
}

/** The id this device gives itself once: a retried binding is recognised as the same device. */
export function deviceId(store: KeyValueStore): string {
  let id = store.get(DEVICE_ID_KEY);
  if (!id) {
    id = uuidV4();
    store.set(DEVICE_ID_KEY, id);
  }
  return id;
}

export type BindResult = { ok: true; identity: BusinessIdentity; message: string } | { ok: false; message: string };

/** POST /api/v1/business/enrolments: exchanges the enrolment code for this device's credential and keeps it. */
export async function bindBusiness(
  http: HttpClient,
  apiBase: string,
  store: KeyValueStore,
  code: string,
  now: () => number = Date.now,
): Promise<BindResult> {
  const body = { code: code.trim(), deviceId: deviceId(store) };
  const parsed = BusinessEnrolmentSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: fieldErrors(parsed.error)[0]?.message ?? '请输入企业身份登记码' };
  let answer;
  try {
    answer = await createApiClient(http, apiBase).enrolBusiness(body);
  } catch (err) {
    if (isNetworkError(err)) return { ok: false, message: '网络不可用：绑定企业身份需要联网，请联网后再试。' };
    if (err instanceof UnreadableAnswer) return { ok: false, message: '服务器的回答无法解析，请稍后再试。' };
    return { ok: false, message: (err as Error).message || '绑定失败，请稍后再试。' };
  }
  if (!answer.ok) return { ok: false, message: answer.message };
  const { message, ...credential } = answer.body;
  const identity: BusinessIdentity = { ...credential, boundAt: now() };
  writeJson(store, BUSINESS_IDENTITY_KEY, identity);
  return { ok: true, identity, message };
}
