/**
 * Decision numbers (决定书文号) by their parts, so 滨江市监罚〔2025〕41号, 市监罚2025-41, [2025]0041号
 * and 滨江市监罚〔2025〕0041号 are the same number. Both engines index and query through this module.
 */

export interface DecisionNoParts {
  /** Agency abbreviation before the year (滨江市监罚), upper-cased; empty when the query gave none. */
  prefix: string;
  year: number;
  /** Serial number without leading zeros. */
  serial: number;
}

const OPEN = '〔\\[(【［（';
const CLOSE = '〕\\])】］）';
const BRACKETED = new RegExp(`^([\\p{Script=Han}A-Za-z]*)[${OPEN}]((?:19|20)\\d{2})[${CLOSE}]第?(\\d{1,7})(号?)$`, 'u');
const PLAIN = /^([\p{Script=Han}A-Za-z]*?)((?:19|20)\d{2})(?:[-－—–_/.．年]|(?=第))第?(\d{1,7})(号?)$/u;

/**
 * The parts of a decision number typed as the whole text, or undefined when the text is not one.
 * Without brackets a prefix or a closing 号 is required, so a bare “2025-41” or a date stays a text query.
 */
export function decisionNoParts(text: string): DecisionNoParts | undefined {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/(\d)\s+(\d)/g, '$1-$2')
    .replace(/\s+/g, '');
  const bracketed = BRACKETED.exec(s);
  const m = bracketed ?? PLAIN.exec(s);
  if (!m) return undefined;
  const [, prefix = '', year, serial, hao] = m;
  if (!bracketed && !prefix && !hao) return undefined;
  return { prefix: prefix.replace(/字$/, '').toUpperCase(), year: Number(year), serial: Number(serial) };
}

/** The key a decision number is indexed and looked up under: year and serial, e.g. “2025-41”. */
export function decisionNoKey(parts: DecisionNoParts): string {
  return `${parts.year}-${parts.serial}`;
}

/**
 * How well a stored decision number answers a queried one: 0 = not the same number; 1 = same year and
 * serial and the typed prefix is part of the stored one; 2 = the stored prefix is exactly the typed one.
 */
export function decisionNoMatch(query: DecisionNoParts, stored: string): 0 | 1 | 2 {
  const doc = decisionNoParts(stored);
  if (!doc || doc.year !== query.year || doc.serial !== query.serial) return 0;
  if (!query.prefix) return 1;
  if (doc.prefix === query.prefix) return 2;
  return doc.prefix.includes(query.prefix) ? 1 : 0;
}
