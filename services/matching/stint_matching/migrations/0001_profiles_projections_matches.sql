-- Every table the in-memory index is built from carries changed_in, the id of the
-- transaction that last wrote the row (set explicitly on every write), so that a
-- replica catches its index up with "changed_in >= the oldest transaction still
-- running at its previous catch-up": no committed change is ever missed, whatever
-- order transactions commit in (see store/refresh.py).

-- Student profiles: this service's own data.
CREATE TABLE profiles (
    student_id                  uuid        PRIMARY KEY,
    headline                    text        NOT NULL DEFAULT '',
    -- Normalised skill names and their levels (1-5), in the order given.
    skill_names                 text[]      NOT NULL DEFAULT '{}',
    skill_levels                smallint[]  NOT NULL DEFAULT '{}',
    interests                   text[]      NOT NULL DEFAULT '{}',
    availability_hours_per_week integer     NOT NULL CHECK (availability_hours_per_week >= 0),
    remote_ok                   boolean     NOT NULL,
    location                    text        NOT NULL DEFAULT '',
    updated_at                  timestamptz NOT NULL,
    version                     bigint      NOT NULL,
    changed_in                  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CHECK (cardinality(skill_names) = cardinality(skill_levels)),
    CHECK (cardinality(skill_names) <= 50)
);
CREATE INDEX profiles_changed_in ON profiles (changed_in);

-- Students' display names, from identity events (AccountRegistered of students).
CREATE TABLE students (
    account_id   uuid  PRIMARY KEY,
    display_name text  NOT NULL,
    changed_in   xid8  NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX students_changed_in ON students (changed_in);

-- Skills employers verified, from reputation events (SkillVerified).
CREATE TABLE verified_skills (
    student_id   uuid    NOT NULL,
    skill        text    NOT NULL,
    endorsements integer NOT NULL,
    changed_in   xid8    NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (student_id, skill)
);
CREATE INDEX verified_skills_changed_in ON verified_skills (changed_in);

-- Listings as their newest event carried them (every status: the industries of
-- closed ones still count as tried). message is the whole stint.listing.v1.Listing,
-- handed back with recommendations.
CREATE TABLE listings (
    listing_id        uuid        PRIMARY KEY,
    organization_id   uuid        NOT NULL,
    organization_name text        NOT NULL DEFAULT '',
    title             text        NOT NULL DEFAULT '',
    industry          text        NOT NULL,
    skill_names       text[]      NOT NULL DEFAULT '{}',
    skill_required    boolean[]   NOT NULL DEFAULT '{}',
    estimated_hours   integer     NOT NULL,
    duration_days     integer     NOT NULL,
    remote            boolean     NOT NULL,
    location          text        NOT NULL DEFAULT '',
    status            text        NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    apply_by          timestamptz NOT NULL,
    published_at      timestamptz,
    -- The listing's own version: an older or equal event changes nothing.
    version           bigint      NOT NULL,
    message           bytea       NOT NULL,
    changed_in        xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX listings_changed_in ON listings (changed_in);

-- Who applied where (never recommended again), from application events.
CREATE TABLE applications (
    application_id uuid   PRIMARY KEY,
    student_id     uuid   NOT NULL,
    listing_id     uuid   NOT NULL,
    version        bigint NOT NULL,
    changed_in     xid8   NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX applications_changed_in ON applications (changed_in);

-- Work done (the industries a student tried), from engagement events.
CREATE TABLE engagements (
    engagement_id uuid   PRIMARY KEY,
    student_id    uuid   NOT NULL,
    listing_id    uuid   NOT NULL,
    status        text   NOT NULL CHECK (status IN ('active', 'delivered', 'completed', 'cancelled')),
    version       bigint NOT NULL,
    changed_in    xid8   NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX engagements_changed_in ON engagements (changed_in);

-- Each MatchFound ever announced: at most one per listing and student, whatever is
-- replayed or published again.
CREATE TABLE matches_found (
    listing_id uuid             NOT NULL,
    student_id uuid             NOT NULL,
    score      double precision NOT NULL,
    found_at   timestamptz      NOT NULL,
    PRIMARY KEY (listing_id, student_id)
);
