-- Institutions, the students linked to them and the academic credit they grant.

CREATE TABLE institution_settings (
    institution_id uuid        PRIMARY KEY,
    email_domains  text[]      NOT NULL,
    credit_policy  text        NOT NULL DEFAULT '',
    updated_at     timestamptz NOT NULL
);

CREATE TABLE institution_links (
    institution_id uuid        NOT NULL,
    student_id     uuid        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('pending', 'linked')),
    requested_at   timestamptz NOT NULL,
    linked_at      timestamptz,
    PRIMARY KEY (institution_id, student_id),
    CHECK ((status = 'linked') = (linked_at IS NOT NULL))
);
CREATE INDEX institution_links_by_student ON institution_links (student_id);
CREATE INDEX institution_links_page
    ON institution_links (institution_id, requested_at DESC, student_id DESC);

CREATE TABLE credits (
    id             uuid             PRIMARY KEY,
    institution_id uuid             NOT NULL,
    student_id     uuid             NOT NULL,
    engagement_id  uuid             NOT NULL REFERENCES engagements (engagement_id),
    credits        double precision NOT NULL CHECK (credits > 0),
    term           text             NOT NULL,
    note           text             NOT NULL DEFAULT '',
    granted_at     timestamptz      NOT NULL,
    -- One grant per institution and engagement.
    UNIQUE (institution_id, engagement_id)
);
CREATE INDEX credits_by_student ON credits (student_id, granted_at DESC, id DESC);
