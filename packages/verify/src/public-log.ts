import { sha256 } from '@noble/hashes/sha2.js';
import { DISCLOSURE_STATUSES, type DisclosureStatus } from '@sunlight/domain/schemas/disclosure';
import { base64Decode, bytesToHex, utf8Decode, utf8Encode } from './base64url';
import { canonicalJson } from './draw';
import { verifyEd25519 } from './ed25519';
import { findEd25519Key, parseCompactJws, type Jwks } from './jws';
import {
  decodeHashPath,
  HASH_SIZE,
  leafHash,
  proofFailureText,
  verifyConsistency,
  verifyInclusion,
  type ProofFailure,
} from './transparency-log';

/**
 * The portal's public log (RFC 9162 tree, see transparency-log.ts): what one leaf says, what a signed tree
 * head is, and the checks a browser, the mini-program or a partner's CLI run against the portal's answers.
 */

/** The events of a record's public life, one leaf each: the statuses every record type shares. */
export const LOG_EVENTS = DISCLOSURE_STATUSES;
export type LogEvent = DisclosureStatus;

/**
 * One leaf: canonical JSON (keys sorted, no whitespace; RFC 8785 for these values) of the record, the event,
 * when it happened, and the SHA-256 of the public form at that moment (the record's public data while it is
 * public, its tombstone once withdrawn or expired). Never the content itself, never personal data.
 */
export interface LogLeaf {
  v: 1;
  type: string;
  id: string;
  event: LogEvent;
  /** ISO 8601 UTC. */
  at: string;
  /** hex SHA-256 of the canonical JSON of the public form; null when there was none (an expiry without tombstone). */
  sha256: string | null;
}

export function leafText(leaf: LogLeaf): string {
  return canonicalJson(leaf);
}

/** hex SHA-256 of the canonical JSON of a public form. */
export function publicFormHash(form: unknown): string {
  return bytesToHex(sha256(utf8Encode(canonicalJson(form))));
}

/** Addresses the API adds to a record's public form (they depend on the site's address, not on the record). */
export const RECORD_LINK_FIELDS = ['url', 'apiUrl', 'agencyUrl', 'drawUrl', 'penaltyUrl'] as const;

/** The public form inside a record's API answer: the answer without its links. */
export function publicFormOfAnswer(answer: Record<string, unknown>): Record<string, unknown> {
  const form = { ...answer };
  for (const k of RECORD_LINK_FIELDS) delete form[k];
  return form;
}

export function parseLeaf(bytes: Uint8Array): LogLeaf | undefined {
  const text = utf8Decode(bytes);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as Partial<LogLeaf>;
    const ok =
      v?.v === 1 &&
      typeof v.type === 'string' &&
      typeof v.id === 'string' &&
      (LOG_EVENTS as readonly string[]).includes(v.event as string) &&
      typeof v.at === 'string' &&
      (v.sha256 === null || (typeof v.sha256 === 'string' && /^[0-9a-f]{64}$/.test(v.sha256)));
    // Canonical bytes only: a leaf that re-serialises differently is not one the portal wrote.
    return ok && leafText(v as LogLeaf) === text ? (v as LogLeaf) : undefined;
  } catch {
    return undefined;
  }
}

/** `GET /api/v1/log/sth`. */
export interface SignedTreeHead {
  tree_size: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** Standard base64 of the 32-byte root hash. */
  sha256_root_hash: string;
  /** Compact JWS (EdDSA) whose payload carries the three fields above. */
  signature: string;
}

/** `GET /api/v1/log/inclusion`. */
export interface InclusionAnswer {
  leaf_index: number;
  tree_size: number;
  /** Standard base64 of the leaf's bytes. */
  leaf: string;
  inclusion_path: string[];
}

export type LogCheckFailure =
  | 'bad_head'
  | 'unknown_key'
  | 'bad_signature'
  | 'head_mismatch'
  | 'bad_leaf'
  | 'other_record'
  | 'content_mismatch'
  | 'bad_path'
  | ProofFailure;

export type LogCheck<T = object> = ({ ok: true } & T) | { ok: false; failure: LogCheckFailure; message: string };

export const logCheckFailureText: Readonly<Record<LogCheckFailure, string>> = {
  ...proofFailureText,
  bad_head: '树头格式不正确',
  unknown_key: '树头签名所用的密钥不在公布的公钥集中',
  bad_signature: '树头签名无效',
  head_mismatch: '树头签名中的内容与树头不一致',
  bad_leaf: '日志条目格式不正确',
  other_record: '日志条目记载的不是这条记录',
  content_mismatch: '记录现在的公开内容与日志记载的不一致：记录在记入日志后被改动过',
  bad_path: '证明路径格式不正确',
};

const failed = (failure: LogCheckFailure): { ok: false; failure: LogCheckFailure; message: string } => ({
  ok: false,
  failure,
  message: logCheckFailureText[failure],
});

/** Checks a tree head's signature against the portal's JWKS and that the signed payload is the head. */
export async function verifyTreeHead(sth: SignedTreeHead, jwks: Jwks): Promise<LogCheck<{ root: Uint8Array }>> {
  const root = typeof sth?.sha256_root_hash === 'string' ? base64Decode(sth.sha256_root_hash) : undefined;
  if (!root || root.length !== HASH_SIZE || !Number.isSafeInteger(sth.tree_size) || sth.tree_size < 0) {
    return failed('bad_head');
  }
  const parsed = parseCompactJws(sth.signature);
  if (!parsed.ok || parsed.jws.header.alg !== 'EdDSA' || typeof parsed.jws.header.kid !== 'string') {
    return failed('bad_head');
  }
  const key = findEd25519Key(jwks, parsed.jws.header.kid);
  if (!key) return failed('unknown_key');
  if (!(await verifyEd25519(key.publicKey, parsed.jws.signature, parsed.jws.signingInput))) {
    return failed('bad_signature');
  }
  const p = parsed.jws.payload;
  if (p.tree_size !== sth.tree_size || p.timestamp !== sth.timestamp || p.sha256_root_hash !== sth.sha256_root_hash) {
    return failed('head_mismatch');
  }
  return { ok: true, root };
}

/**
 * Does the portal's log hold this record as it is served now? The head is signed by a published key, the
 * leaf names this record and the SHA-256 of this public form, and the path proves the leaf in that head.
 * `form` is the record's public form (`publicFormOfAnswer` of its API answer), or undefined for a record
 * that is no longer public (only the leaf's inclusion is checked).
 */
export async function verifyRecordInLog(p: {
  id: string;
  form: unknown;
  sth: SignedTreeHead;
  jwks: Jwks;
  inclusion: InclusionAnswer;
}): Promise<LogCheck<{ leaf: LogLeaf }>> {
  const head = await verifyTreeHead(p.sth, p.jwks);
  if (!head.ok) return head;
  const bytes = typeof p.inclusion?.leaf === 'string' ? base64Decode(p.inclusion.leaf) : undefined;
  const leaf = bytes && parseLeaf(bytes);
  if (!bytes || !leaf) return failed('bad_leaf');
  if (leaf.id !== p.id) return failed('other_record');
  if (p.form !== undefined && leaf.sha256 !== publicFormHash(p.form)) return failed('content_mismatch');
  const path = Array.isArray(p.inclusion.inclusion_path) ? decodeHashPath(p.inclusion.inclusion_path) : undefined;
  if (!path) return failed('bad_path');
  if (p.inclusion.tree_size !== p.sth.tree_size) return failed('head_mismatch');
  const proof = verifyInclusion({
    leafIndex: p.inclusion.leaf_index,
    treeSize: p.sth.tree_size,
    leafHash: leafHash(bytes),
    inclusionPath: path,
    rootHash: head.root,
  });
  return proof.ok ? { ok: true, leaf } : failed(proof.failure);
}

/** Does the newer head extend the older one (nothing in the older tree changed or went missing)? */
export async function verifyHeadsConsistent(p: {
  older: SignedTreeHead;
  newer: SignedTreeHead;
  consistencyPath: readonly string[];
  jwks: Jwks;
}): Promise<LogCheck> {
  const newer = await verifyTreeHead(p.newer, p.jwks);
  if (!newer.ok) return newer;
  const olderRoot = base64Decode(p.older?.sha256_root_hash ?? '');
  if (!olderRoot || olderRoot.length !== HASH_SIZE || !Number.isSafeInteger(p.older.tree_size))
    return failed('bad_head');
  if (p.older.tree_size === 0) return p.newer.tree_size >= 0 ? { ok: true } : failed('out_of_range');
  const path = decodeHashPath([...p.consistencyPath]);
  if (!path) return failed('bad_path');
  const proof = verifyConsistency({
    first: p.older.tree_size,
    second: p.newer.tree_size,
    firstHash: olderRoot,
    secondHash: newer.root,
    consistencyPath: path,
  });
  return proof.ok ? { ok: true } : failed(proof.failure);
}
