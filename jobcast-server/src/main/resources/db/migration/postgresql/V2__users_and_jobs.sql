-- Users, job ids, and the read side of jobs (fed from the journal, rebuildable from it).
CREATE TABLE IF NOT EXISTS users (
  id BIGSERIAL PRIMARY KEY,
  email VARCHAR(320) NOT NULL UNIQUE,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  created TIMESTAMPTZ NOT NULL
);

-- Job ids come from the database so they stay unique across restarts and nodes.
CREATE SEQUENCE IF NOT EXISTS job_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE IF NOT EXISTS jobs (
  id BIGINT PRIMARY KEY,
  owner_id BIGINT NOT NULL,
  type VARCHAR(100) NOT NULL,
  runner VARCHAR(20) NOT NULL,
  status VARCHAR(20) NOT NULL,
  progress INTEGER NOT NULL,
  message VARCHAR(2000),
  stage VARCHAR(200),
  error VARCHAR(2000),
  input TEXT,
  result TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  seq BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_owner_idx ON jobs (owner_id, id);
CREATE INDEX IF NOT EXISTS jobs_status_idx ON jobs (status, runner);

-- How far each projection of the journal has got (the journal's ordering column).
CREATE TABLE IF NOT EXISTS projection_offsets (
  name VARCHAR(100) PRIMARY KEY,
  last_ordering BIGINT NOT NULL
);
