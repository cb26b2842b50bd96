package harness

// Schema is the proof database. Every trial works on rows of its own (a
// fresh key, queue, counter or account), so trials never see each other.
// plain_events and plain_contacts have no unique constraint: there the
// racy variants' duplicates become rows that can be counted. events and
// contacts carry the unique index the atomic variants' ON CONFLICT needs.
const Schema = `
CREATE TABLE emails (
	id          bigserial PRIMARY KEY,
	tracking_id text NOT NULL UNIQUE,
	opened_at   timestamptz
);
CREATE TABLE leads (
	id         bigserial PRIMARY KEY,
	owner_id   bigint,
	claimed_at timestamptz
);
CREATE TABLE jobs (
	id         bigserial PRIMARY KEY,
	queue      text NOT NULL,
	status     text NOT NULL DEFAULT 'pending',
	started_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX jobs_queue_status ON jobs (queue, status, created_at);
CREATE TABLE plain_events (
	id         bigserial PRIMARY KEY,
	dedup_key  text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE events (
	id         bigserial PRIMARY KEY,
	dedup_key  text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE counters (
	id   bigserial PRIMARY KEY,
	hits bigint NOT NULL DEFAULT 0
);
CREATE TABLE accounts (
	id      bigserial PRIMARY KEY,
	balance bigint NOT NULL
);
CREATE TABLE plain_contacts (
	id         bigserial PRIMARY KEY,
	email      text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE contacts (
	id         bigserial PRIMARY KEY,
	email      text NOT NULL UNIQUE,
	created_at timestamptz NOT NULL DEFAULT now()
);
`
