-- Inspection results (抽查检查结果, the 一公开 of 双随机、一公开): one public record per completed
-- inspection. `scheduled` rows wait for their publication time (publish_at) and are never public;
-- `data` is the public form only (redacted), `restricted` the agency's submission as sent.
CREATE TABLE inspection_results (
  id text PRIMARY KEY,
  inspection_id text NOT NULL UNIQUE REFERENCES inspections(id),
  agency_id text NOT NULL REFERENCES agencies(id),
  enterprise_credit_code text NOT NULL,
  status text NOT NULL CHECK (status IN ('scheduled', 'published', 'corrected', 'withdrawn', 'expired')),
  result text NOT NULL,
  source text NOT NULL,
  completed_on date NOT NULL,
  publish_at timestamptz NOT NULL,
  draw_id text,
  penalty_decision_no text,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL DEFAULT '{}'::jsonb,
  tombstone jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_results_public_idx ON inspection_results (status, completed_on DESC, id);
CREATE INDEX inspection_results_agency_idx ON inspection_results (agency_id, completed_on DESC);
CREATE INDEX inspection_results_enterprise_idx ON inspection_results (enterprise_credit_code);
CREATE INDEX inspection_results_draw_idx ON inspection_results (draw_id) WHERE draw_id IS NOT NULL;
CREATE INDEX inspection_results_due_idx ON inspection_results (publish_at) WHERE status = 'scheduled';

-- Every replaced version (corrections, withdrawal), for supervisors; never read by a public surface.
CREATE TABLE inspection_result_history (
  id bigserial PRIMARY KEY,
  result_id text NOT NULL REFERENCES inspection_results(id),
  status text NOT NULL,
  data jsonb NOT NULL,
  restricted jsonb NOT NULL,
  replaced_by text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspection_result_history_idx ON inspection_result_history (result_id, id);
