import { findBankCards } from './bank-card';
import { findIdNumbers } from './id-number';
import { findPhones } from './phone';
import type { TextMatch } from './text';

export type SensitiveKind = 'id_number' | 'phone' | 'bank_card';
export interface SensitiveMatch extends TextMatch {
  kind: SensitiveKind;
}

export const sensitiveKindLabels: Readonly<Record<SensitiveKind, string>> = {
  id_number: '身份证号码',
  phone: '电话号码',
  bank_card: '银行卡号',
};

/** Every ID number, phone number and bank card number in `text`, ordered by position (overlaps kept). */
export function findSensitive(text: string, today?: string): SensitiveMatch[] {
  return [
    ...findIdNumbers(text, today).map((m): SensitiveMatch => ({ ...m, kind: 'id_number' })),
    ...findPhones(text).map((m): SensitiveMatch => ({ start: m.start, end: m.end, value: m.value, kind: 'phone' })),
    ...findBankCards(text).map((m): SensitiveMatch => ({ ...m, kind: 'bank_card' })),
  ].sort((a, b) => a.start - b.start || b.end - a.end);
}
