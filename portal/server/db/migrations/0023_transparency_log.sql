-- The transparency log of the public record (issue 24): an RFC 9162 Merkle tree over every public-record event.

-- One leaf per event, appended in the event's own transaction under the change-log lock, so leaf order is
-- commit order. `leaf` is the canonical JSON whose UTF-8 bytes are hashed; `hash` = SHA-256(0x00 ‖ leaf).
CREATE TABLE log_leaves (
  idx bigint PRIMARY KEY,
  change_seq bigint UNIQUE,
  record_type text NOT NULL,
  record_id text NOT NULL,
  event text NOT NULL,
  leaf text NOT NULL,
  hash bytea NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX log_leaves_record_idx ON log_leaves (record_id, idx DESC);

-- The hash of every complete (perfect) subtree of 2^level leaves, level ≥ 1, starting at leaf idx·2^level:
-- with the leaf hashes, any subtree of the tree in O(log n) rows, so proofs cost O(log n).
CREATE TABLE log_nodes (
  level smallint NOT NULL,
  idx bigint NOT NULL,
  hash bytea NOT NULL,
  PRIMARY KEY (level, idx)
);

-- Signed tree heads: the root of the first tree_size leaves, signed (compact JWS, EdDSA) by the portal's key.
CREATE TABLE log_heads (
  tree_size bigint PRIMARY KEY,
  root bytea NOT NULL,
  signed_at timestamptz NOT NULL,
  signature text NOT NULL
);

-- 双随机 draws (sunlight-draw-v2): the commitment is an entry of the log (log_index), and the seed is derived
-- from the first signed head containing it (beacon: that head, as GET /api/v1/log/sth gives it).
ALTER TABLE draws ADD COLUMN log_index bigint;
ALTER TABLE draws ADD COLUMN beacon jsonb;
