-- Credit platforms and other partners that pull open data at higher rates. Only a SHA-256 of the
-- random secret is kept; the key is printed once by `sunlight partner create`.
CREATE TABLE partner_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  per_minute integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
