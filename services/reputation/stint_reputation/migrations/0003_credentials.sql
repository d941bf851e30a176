-- Signed completion credentials, their status lists and every public key ever used.

-- Every key that signed something, current and retired: the JWK Set lists them all,
-- so that a credential stays verifiable after its key was rotated.
CREATE TABLE signing_keys (
    kid        text        PRIMARY KEY,
    public_jwk jsonb       NOT NULL,
    added_at   timestamptz NOT NULL
);

-- W3C Bitstring Status Lists (purpose revocation). Positions are handed out as
-- (multiplier * allocated + shift) mod size, a permutation of the list.
CREATE TABLE status_lists (
    id         uuid        PRIMARY KEY,
    size       integer     NOT NULL CHECK (size >= 131072),
    multiplier integer     NOT NULL CHECK (multiplier % 2 = 1),
    shift      integer     NOT NULL,
    allocated  integer     NOT NULL DEFAULT 0,
    bits       bytea       NOT NULL,
    -- The signed status list credential, re-signed when a bit changes.
    document   text        NOT NULL,
    jwt        text        NOT NULL,
    kid        text        NOT NULL REFERENCES signing_keys (kid),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK (allocated BETWEEN 0 AND size),
    CHECK (octet_length(bits) * 8 = size)
);

CREATE TABLE credentials (
    id              uuid        PRIMARY KEY,
    -- One credential per completed engagement, whatever is redelivered.
    engagement_id   uuid        NOT NULL UNIQUE REFERENCES engagements (engagement_id),
    student_id      uuid        NOT NULL,
    organization_id uuid        NOT NULL,
    status_list_id  uuid        NOT NULL REFERENCES status_lists (id),
    status_index    integer     NOT NULL,
    kid             text        NOT NULL REFERENCES signing_keys (kid),
    document        text        NOT NULL,
    jwt             text        NOT NULL,
    issued_at       timestamptz NOT NULL,
    revoked_at      timestamptz,
    revoked_reason  text,
    -- "account:<id>" or "operator:<name>".
    revoked_by      text,
    UNIQUE (status_list_id, status_index),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX credentials_by_student ON credentials (student_id, issued_at DESC);
