-- What the service knows of other services' data, kept from their events (never read
-- from their schemas). Each row keeps the producer's version where it has one: an
-- older or equal event changes nothing.

-- From stint.identity.v1 AccountRegistered.
CREATE TABLE accounts (
    account_id      uuid        PRIMARY KEY,
    role            text        NOT NULL CHECK (role IN ('student', 'employer', 'institution')),
    email           text        NOT NULL,
    -- Institutions link students by the domain of the e-mail they registered with.
    email_domain    text        NOT NULL,
    display_name    text        NOT NULL,
    organization_id uuid,
    registered_at   timestamptz NOT NULL
);
CREATE INDEX accounts_by_organization ON accounts (organization_id)
    WHERE organization_id IS NOT NULL;

-- From stint.listing.v1: the whole listing, for credentials, portfolios and the
-- skills an employer may endorse.
CREATE TABLE listings (
    listing_id        uuid    PRIMARY KEY,
    organization_id   uuid    NOT NULL,
    organization_name text    NOT NULL,
    title             text    NOT NULL,
    description       text    NOT NULL,
    industry          text    NOT NULL,
    skills            text[]  NOT NULL,
    estimated_hours   integer NOT NULL,
    version           bigint  NOT NULL
);
CREATE INDEX listings_by_organization ON listings (organization_id);

-- From stint.application.v1 engagement events.
CREATE TABLE engagements (
    engagement_id           uuid        PRIMARY KEY,
    listing_id              uuid        NOT NULL,
    student_id              uuid        NOT NULL,
    organization_id         uuid        NOT NULL,
    status                  text        NOT NULL CHECK (status IN
                                ('active', 'delivered', 'completed', 'cancelled')),
    started_at              timestamptz NOT NULL,
    due_at                  timestamptz NOT NULL,
    delivered_at            timestamptz,
    completed_at            timestamptz,
    completed_automatically boolean     NOT NULL DEFAULT false,
    version                 bigint      NOT NULL,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX engagements_completed_by_student ON engagements (student_id, completed_at DESC)
    WHERE status = 'completed';
CREATE INDEX engagements_completed_by_organization
    ON engagements (organization_id, completed_at DESC) WHERE status = 'completed';
CREATE INDEX engagements_by_student ON engagements (student_id, started_at DESC, engagement_id DESC);
CREATE INDEX engagements_by_listing ON engagements (listing_id);

-- From stint.application.v1 application events: an employer's responsiveness.
CREATE TABLE application_decisions (
    application_id  uuid        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    status          text        NOT NULL CHECK (status IN
                        ('submitted', 'shortlisted', 'hired', 'rejected', 'withdrawn', 'closed')),
    close_reason    text,
    created_at      timestamptz NOT NULL,
    decision_due_at timestamptz NOT NULL,
    decided_at      timestamptz,
    version         bigint      NOT NULL
);
CREATE INDEX application_decisions_by_organization ON application_decisions (organization_id)
    WHERE decided_at IS NOT NULL;
