-- Double-blind reviews. A window opens when an engagement completes; reviews stay
-- unpublished (published_at NULL) until both sides reviewed or the window closed.

CREATE TABLE review_windows (
    engagement_id uuid        PRIMARY KEY REFERENCES engagements (engagement_id),
    opened_at     timestamptz NOT NULL,
    closes_at     timestamptz NOT NULL,
    -- When its reviews published, or it ended without any.
    closed_at     timestamptz
);
-- The window sweep.
CREATE INDEX review_windows_open ON review_windows (closes_at) WHERE closed_at IS NULL;

CREATE TABLE reviews (
    id              uuid        PRIMARY KEY,
    engagement_id   uuid        NOT NULL REFERENCES review_windows (engagement_id),
    side            text        NOT NULL CHECK (side IN ('student', 'organization')),
    author_id       uuid        NOT NULL,
    -- The student's account id, or the organization's id.
    subject_id      uuid        NOT NULL,
    rating          smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         text        NOT NULL,
    endorsed_skills text[]      NOT NULL DEFAULT '{}',
    submitted_at    timestamptz NOT NULL,
    published_at    timestamptz,
    -- Once per side.
    UNIQUE (engagement_id, side),
    -- Only the organization endorses.
    CHECK (side = 'organization' OR cardinality(endorsed_skills) = 0)
);
-- Public reads see published reviews only, through this index alone.
CREATE INDEX reviews_published_about ON reviews (subject_id, published_at DESC, id DESC)
    WHERE published_at IS NOT NULL;

-- A published review never changes: the database refuses it too.
CREATE FUNCTION reviews_stay_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_at IS NOT NULL THEN
        RAISE EXCEPTION 'review % is published and cannot change', OLD.id;
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER reviews_stay_published BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_stay_published();

-- The last score announced per subject (ReputationChanged goes out when it moves).
CREATE TABLE announced_scores (
    subject_id   uuid             PRIMARY KEY,
    score        double precision NOT NULL,
    formula_id   text             NOT NULL,
    announced_at timestamptz      NOT NULL
);
