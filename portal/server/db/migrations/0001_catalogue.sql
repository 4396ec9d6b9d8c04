-- Catalogue data published in advance (事前公开). Each row keeps the record exactly as its
-- zod schema parsed it in `data`; the columns beside it are what queries filter and join on.

CREATE TABLE agencies (
  id text PRIMARY KEY,
  name text NOT NULL,
  short_name text,
  credit_code text,
  category text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE laws (
  code text PRIMARY KEY,
  title text NOT NULL,
  level text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE powers (
  code text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  type text NOT NULL,
  name text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX powers_agency_idx ON powers (agency_id);

CREATE TABLE enforcement_items (
  code text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  level text NOT NULL,
  parent_code text,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enforcement_items_agency_idx ON enforcement_items (agency_id);

CREATE TABLE inspection_items (
  code text PRIMARY KEY,
  agency_id text NOT NULL REFERENCES agencies(id),
  field text,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_items_agency_idx ON inspection_items (agency_id);

CREATE TABLE inspectors (
  id text PRIMARY KEY,
  certificate_no text NOT NULL UNIQUE,
  agency_id text NOT NULL REFERENCES agencies(id),
  name text NOT NULL,
  status text NOT NULL,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspectors_agency_idx ON inspectors (agency_id);

CREATE TABLE discretion_items (
  id text PRIMARY KEY,
  kind text NOT NULL,
  agency_id text NOT NULL REFERENCES agencies(id),
  field text,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX discretion_items_agency_idx ON discretion_items (agency_id);

-- Rules and settings that are content data (publication periods, inspection caps, site).
CREATE TABLE settings (
  key text PRIMARY KEY,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 执法对象: enterprises and individual businesses (never natural persons' private data).
CREATE TABLE enterprises (
  credit_code text PRIMARY KEY,
  name text NOT NULL,
  type text,
  region text,
  data jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Which content file was loaded with which checksum, so start-up seeding is idempotent.
CREATE TABLE content_loads (
  kind text PRIMARY KEY,
  checksum text NOT NULL,
  records integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);
