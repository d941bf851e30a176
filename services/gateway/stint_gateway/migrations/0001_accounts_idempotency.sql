-- Accounts: who can sign in, with which role; employers belong to one organization
-- (owned by the listing service, referenced here by id only).
CREATE TABLE accounts (
    id               uuid        PRIMARY KEY,
    email            text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('student', 'employer', 'institution')),
    display_name     text        NOT NULL,
    password_hash    text        NOT NULL,
    organization_id  uuid,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'employer') = (organization_id IS NOT NULL))
);
-- E-mail addresses are unique whatever their case (no citext extension needed).
CREATE UNIQUE INDEX accounts_email_lower ON accounts (lower(email));

-- Idempotency keys of POST requests: the first request with a key claims the row
-- (status_code NULL while it runs); its response is stored so that a retry with the
-- same key and body gets the same answer and does nothing twice.
CREATE TABLE idempotency_keys (
    scope             text        NOT NULL,  -- 'account:<id>' or 'anonymous'
    key               text        NOT NULL,
    method            text        NOT NULL,
    path              text        NOT NULL,
    request_hash      text        NOT NULL,
    status_code       integer,
    response_body     bytea,
    response_headers  jsonb,
    claimed_at        timestamptz NOT NULL DEFAULT now(),
    created_at        timestamptz NOT NULL DEFAULT now(),
    completed_at      timestamptz,
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (scope, key, method, path)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
