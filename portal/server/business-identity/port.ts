import type { Config } from '../config';
import type { Db } from '../db/types';
import { localEnrolment } from './local-enrolment';

/**
 * The business identity port: how the inspected business proves "I am the inspected business" with
 * something the agency and its inspectors cannot hold. The agency printed the QR code (it holds the
 * certificate token) and the credit code is public, so neither is proof. An adapter turns a proof the
 * business's device sends into the enterprise and the subject (the one holder acting for it) — or says why
 * not. Check-ins and evaluations are keyed to the subject; a revision is accepted only from the same one.
 *
 * Adapters (README, "Evaluations belong to the business"):
 * - `local-enrolment` (shipped; development, tests and pilots): the operator — never an agency, never
 *   through an ingest token — enrols a business with `sunlight business enrol`, which prints a one-time
 *   code handed to the business out of band; the business's device exchanges it for a device credential.
 * - production, documented, not shipped: the business's WeChat account bound to the enterprise through
 *   电子营业执照 authorisation, or the legal representative's phone checked against the registry.
 */
export interface BusinessSubject {
  /** The enterprise the subject acts for (统一社会信用代码). */
  creditCode: string;
  /** Stable id of the holder (a local subject id; an openid-derived id in the WeChat adapter). */
  subjectId: string;
}

export const PROOF_FAILURES = ['missing', 'malformed', 'unknown', 'revoked'] as const;
export type ProofFailure = (typeof PROOF_FAILURES)[number];

export type ProofResult = { ok: true; subject: BusinessSubject } | { ok: false; reason: ProofFailure };

export interface BusinessIdentity {
  readonly adapter: BusinessIdentityAdapter;
  /** True for adapters whose binding is made by hand (local enrolment): say so wherever it runs. */
  readonly manual: boolean;
  verify(db: Db, proof: string | undefined, now: Date): Promise<ProofResult>;
}

export const BUSINESS_IDENTITY_ADAPTERS = ['local-enrolment'] as const;
export type BusinessIdentityAdapter = (typeof BUSINESS_IDENTITY_ADAPTERS)[number];

/** The adapter the configuration selects (SUNLIGHT_BUSINESS_IDENTITY); an unknown name stops the start. */
export function businessIdentity(config: Pick<Config, 'businessIdentity'>): BusinessIdentity {
  switch (config.businessIdentity) {
    case 'local-enrolment':
      return localEnrolment;
    default:
      throw new Error(
        `SUNLIGHT_BUSINESS_IDENTITY=${String(config.businessIdentity)} 不是已实现的企业身份适配器；可用：${BUSINESS_IDENTITY_ADAPTERS.join('、')}`,
      );
  }
}

/** The line the portal logs at start: which adapter proves businesses, and how trustworthy it is. */
export function describeBusinessIdentity(identity: BusinessIdentity): string {
  return identity.manual
    ? `[sunlight] 企业身份：${identity.adapter}（本地登记码适配器：由运营方线下核验企业后发放登记码，适用于开发、测试和试点；正式部署请接入微信+电子营业执照适配器，见 README）`
    : `[sunlight] 企业身份：${identity.adapter}`;
}
