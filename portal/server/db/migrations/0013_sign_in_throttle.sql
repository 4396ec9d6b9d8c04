-- Sign-in throttling (issue 16): every failed sign-in, so that delays grow per client, per account and
-- per trusted browser instead of a lock anyone could trigger; and the browsers a supervisor has signed
-- in with (a cookie holding a random token; only its SHA-256 is kept), which the account-wide delay
-- does not slow down. Rows older than a day are deleted as new failures come in.
CREATE TABLE sign_in_failures (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  client text NOT NULL,
  username text NOT NULL,
  device_hash text
);
CREATE INDEX sign_in_failures_username_idx ON sign_in_failures (username, at);
CREATE INDEX sign_in_failures_client_idx ON sign_in_failures (client, at);
CREATE INDEX sign_in_failures_device_idx ON sign_in_failures (device_hash, at) WHERE device_hash IS NOT NULL;
CREATE INDEX sign_in_failures_at_idx ON sign_in_failures (at);

CREATE TABLE supervisor_devices (
  id_hash text PRIMARY KEY,
  supervisor_id text NOT NULL REFERENCES supervisors(id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL
);
CREATE INDEX supervisor_devices_supervisor_idx ON supervisor_devices (supervisor_id);
