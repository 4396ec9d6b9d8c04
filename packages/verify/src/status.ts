import { certificateStatusLabels } from '@sunlight/domain/schemas/certificate';

/**
 * What a person is told about a certificate, shared by the portal and the mini-program so both say
 * the same thing. Colour is never the only signal: every status has its own words and symbol.
 */
export type CertificateStatus = 'valid' | 'not_yet_valid' | 'used' | 'expired' | 'revoked' | 'not_genuine';

export type StatusTone = 'success' | 'warning' | 'error' | 'neutral';

export interface StatusText {
  /** Short label, e.g. for a tag. */
  label: string;
  /** The large headline. */
  headline: string;
  /** What to do now. */
  advice: string;
  tone: StatusTone;
  /** A text symbol shown beside the headline (not only colour). */
  symbol: '✓' | '!' | '✕' | '–';
  genuine: boolean;
}

export const certificateStatusText: Readonly<Record<CertificateStatus, StatusText>> = {
  valid: {
    label: '真实有效',
    headline: '真实有效的电子检查证',
    advice: '这是本系统签发的检查证，正在有效期内。请核对检查人员的姓名和执法证号与下方一致，再配合检查。',
    tone: 'success',
    symbol: '✓',
    genuine: true,
  },
  not_yet_valid: {
    label: '尚未生效',
    headline: '检查证真实，但尚未到检查时间',
    advice: '这是本系统签发的检查证，但检查时间窗还没有开始。时间窗开始前，您可以拒绝检查。',
    tone: 'warning',
    symbol: '!',
    genuine: true,
  },
  used: {
    label: certificateStatusLabels.used,
    headline: '检查证真实，检查已完成',
    advice: '这是本系统签发的检查证，对应的检查已经结束，不能再用于新的检查。',
    tone: 'neutral',
    symbol: '–',
    genuine: true,
  },
  expired: {
    label: certificateStatusLabels.expired,
    headline: '检查证已过期',
    advice: '这是本系统签发的检查证，但检查时间窗已经结束，不能再用于检查。您可以拒绝检查。',
    tone: 'warning',
    symbol: '!',
    genuine: true,
  },
  revoked: {
    label: certificateStatusLabels.revoked,
    headline: '检查证已撤销',
    advice: '签发机关已撤销这张检查证，不能再用于检查。您可以拒绝检查，并通过评价或 12345 热线反映。',
    tone: 'error',
    symbol: '✕',
    genuine: true,
  },
  not_genuine: {
    label: '不是真实的检查证',
    headline: '不是真实的电子检查证',
    advice: '签名无效或编号不存在：这不是本系统签发的检查证。您可以拒绝检查，并拨打 12345 或向区司法局举报。',
    tone: 'error',
    symbol: '✕',
    genuine: false,
  },
};
