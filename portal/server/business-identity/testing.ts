import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types';
import { enrolBusiness, exchangeEnrolmentCode } from './local-enrolment';

/** Enrols the business as the operator would and binds one device: returns its proof and subject. */
export async function bindDevice(
  db: Db,
  creditCode: string,
  now = new Date(),
): Promise<{ proof: string; subjectId: string }> {
  const e = await enrolBusiness(db, { creditCode, by: 'test' }, now);
  if (!e.ok) throw new Error(e.message);
  const x = await exchangeEnrolmentCode(db, { code: e.enrolled.code, deviceId: randomUUID() }, now);
  if (!x.ok) throw new Error(x.message);
  return { proof: x.device.credential, subjectId: x.device.subjectId };
}
