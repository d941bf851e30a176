-- What the service knows about listings, kept from listing events (never read from
-- the listing service), plus its own count of hires under the row's lock.
CREATE TABLE listing_projection (
    listing_id      uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    title           text        NOT NULL DEFAULT '',
    status          text        NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    close_reason    text        CHECK (close_reason IN ('filled', 'deadline', 'withdrawn')),
    slots           integer     NOT NULL CHECK (slots >= 0),
    -- Hires made here. Counted in the hire's transaction while the row is locked, so
    -- that concurrent hires never exceed the slots (the listing's slots_filled lags).
    hires           integer     NOT NULL DEFAULT 0 CHECK (hires >= 0),
    apply_by        timestamptz NOT NULL,
    duration_days   integer     NOT NULL,
    -- The listing's own version: an older or equal event changes nothing.
    version         bigint      NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE applications (
    id              uuid        PRIMARY KEY,
    listing_id      uuid        NOT NULL REFERENCES listing_projection (listing_id),
    student_id      uuid        NOT NULL,
    organization_id uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN
                        ('submitted', 'shortlisted', 'hired', 'rejected', 'withdrawn', 'closed')),
    cover_note      text        NOT NULL,
    answers         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    reject_reason   text        CHECK (reject_reason IN
                        ('skills_mismatch', 'availability', 'position_filled', 'other')),
    reject_note     text        NOT NULL DEFAULT '',
    close_reason    text        CHECK (close_reason IN
                        ('position_filled', 'listing_closed', 'no_decision')),
    decision_due_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    decided_at      timestamptz,
    engagement_id   uuid,
    version         bigint      NOT NULL,
    -- One application per student per listing.
    UNIQUE (listing_id, student_id),
    -- A terminal status always carries its reason.
    CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
    CHECK ((status = 'closed') = (close_reason IS NOT NULL)),
    CHECK ((status = 'hired') = (engagement_id IS NOT NULL)),
    CHECK ((status IN ('submitted', 'shortlisted')) = (decided_at IS NULL))
);
CREATE INDEX applications_by_student ON applications (student_id, created_at DESC, id DESC);
CREATE INDEX applications_by_listing ON applications (listing_id, created_at DESC, id DESC);
-- The decision-deadline sweep and closing a listing's open applications.
CREATE INDEX applications_undecided ON applications (decision_due_at)
    WHERE status IN ('submitted', 'shortlisted');
CREATE INDEX applications_undecided_by_listing ON applications (listing_id)
    WHERE status IN ('submitted', 'shortlisted');

CREATE TABLE engagements (
    id                      uuid        PRIMARY KEY,
    application_id          uuid        NOT NULL UNIQUE REFERENCES applications (id),
    listing_id              uuid        NOT NULL,
    student_id              uuid        NOT NULL,
    organization_id         uuid        NOT NULL,
    status                  text        NOT NULL CHECK (status IN
                                ('active', 'delivered', 'completed', 'cancelled')),
    started_at              timestamptz NOT NULL,
    due_at                  timestamptz NOT NULL,
    delivered_at            timestamptz,
    completed_at            timestamptz,
    cancelled_at            timestamptz,
    delivery_summary        text        NOT NULL DEFAULT '',
    delivery_links          text[]      NOT NULL DEFAULT '{}',
    cancel_reason           text        NOT NULL DEFAULT '',
    cancelled_by            uuid,
    completed_automatically boolean     NOT NULL DEFAULT false,
    auto_complete_at        timestamptz,
    version                 bigint      NOT NULL,
    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason <> '')),
    CHECK ((status = 'delivered') = (auto_complete_at IS NOT NULL))
);
CREATE INDEX engagements_by_student ON engagements (student_id, started_at DESC, id DESC);
CREATE INDEX engagements_by_organization
    ON engagements (organization_id, started_at DESC, id DESC);
-- The auto-complete sweep.
CREATE INDEX engagements_delivered_until ON engagements (auto_complete_at)
    WHERE status = 'delivered';
