import type { NotGenuineReason } from './certificate';
import type { CertificateStatus } from './status';

/**
 * What anyone may learn about a certificate (page /verify/{no} and GET /api/v1/certificates/{no}).
 * Never the inspected enterprise's identity: at most the last four characters of its credit code,
 * and only to someone holding the genuine token (the person the QR code was shown to).
 */
export interface PublicVerification {
  certificateNo: string;
  status: CertificateStatus;
  genuine: boolean;
  label: string;
  headline: string;
  advice: string;
  /** Why it is not genuine. */
  reason?: NotGenuineReason | 'unknown_number' | 'bad_number' | 'claims_mismatch';
  detail?: string;
  /** `signature`: a signed token was checked; `number`: only the number was looked up (typed by hand). */
  checkedBy: 'signature' | 'number';
  signature?: { alg: 'EdDSA'; kid: string };
  certificate?: {
    issuedAt: string;
    validFrom: string;
    validUntil: string;
    revokedAt?: string;
    revocationReason?: string;
  };
  agency?: { id: string; name: string; url: string };
  source?: string;
  inspectors?: {
    name: string;
    certificateNo: string;
    /** The officer's entry in the published list of enforcement officers. */
    url?: string;
    status: string;
    statusLabel: string;
    validUntil: string | null;
  }[];
  items?: {
    code: string;
    name: string;
    /** The item in the published inspection-item list. */
    url: string;
    basis: { lawCode: string; article: number; title: string | null; label: string; url: string }[];
  }[];
  draw?: { id: string; url: string };
  /** Last four characters of the inspected enterprise's credit code (only with a genuine token). */
  enterpriseHint?: string;
  /** The verify page of this certificate (API answers only). */
  url?: string;
}
