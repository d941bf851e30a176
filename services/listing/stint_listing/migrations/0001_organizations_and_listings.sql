-- Organizations that post listings, and the listings with their lifecycle.

CREATE TABLE organizations (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    industry    text        NOT NULL,
    website     text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE listings (
    id                uuid        PRIMARY KEY,
    organization_id   uuid        NOT NULL REFERENCES organizations (id),
    -- Copied from the organization (names do not change) so that full-text search
    -- covers it without a join.
    organization_name text        NOT NULL,
    title             text        NOT NULL,
    description       text        NOT NULL,
    industry          text        NOT NULL,
    -- [{"name": ..., "required": ...}] in the employer's order.
    skills            jsonb       NOT NULL DEFAULT '[]'::jsonb,
    -- Derived from skills by a trigger: the skill filter's GIN index.
    skill_names       text[]      NOT NULL DEFAULT '{}',
    estimated_hours   integer     NOT NULL CHECK (estimated_hours >= 1),
    duration_days     integer     NOT NULL CHECK (duration_days >= 1),
    pay_amount_cents  bigint      NOT NULL CHECK (pay_amount_cents > 0),
    pay_currency      text        NOT NULL CHECK (pay_currency ~ '^[A-Z]{3}$'),
    remote            boolean     NOT NULL,
    location          text        NOT NULL DEFAULT '',
    apply_by          timestamptz NOT NULL,
    slots             integer     NOT NULL CHECK (slots >= 1),
    slots_filled      integer     NOT NULL DEFAULT 0
                      CHECK (slots_filled >= 0 AND slots_filled <= slots),
    status            text        NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    close_reason      text        CHECK (close_reason IN ('withdrawn', 'filled', 'deadline')),
    created_at        timestamptz NOT NULL,
    published_at      timestamptz,
    closed_at         timestamptz,
    updated_at        timestamptz NOT NULL,
    version           bigint      NOT NULL,
    -- Derived by a trigger: title and organization weigh most, then skills, then
    -- the description.
    search_document   tsvector    NOT NULL DEFAULT ''::tsvector,
    CHECK ((status = 'closed') = (close_reason IS NOT NULL)),
    CHECK (status <> 'open' OR published_at IS NOT NULL)
);

CREATE FUNCTION listings_derive_search() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.skill_names := ARRAY(
        SELECT s ->> 'name' FROM jsonb_array_elements(NEW.skills) AS s
    );
    NEW.search_document :=
        setweight(to_tsvector('english', NEW.title), 'A')
        || setweight(to_tsvector('english', NEW.organization_name), 'A')
        || setweight(to_tsvector('english', array_to_string(NEW.skill_names, ' ')), 'B')
        || setweight(to_tsvector('english', NEW.description), 'C');
    RETURN NEW;
END;
$$;

CREATE TRIGGER listings_derive_search
    BEFORE INSERT OR UPDATE OF title, description, skills, organization_name ON listings
    FOR EACH ROW EXECUTE FUNCTION listings_derive_search();

-- The public feed and its filters: open listings only, in feed order.
CREATE INDEX listings_feed ON listings (published_at DESC, id DESC) WHERE status = 'open';
CREATE INDEX listings_feed_industry ON listings (industry, published_at DESC, id DESC)
    WHERE status = 'open';
CREATE INDEX listings_feed_skills ON listings USING gin (skill_names) WHERE status = 'open';
CREATE INDEX listings_search ON listings USING gin (search_document);
-- An organization's own listings, every status.
CREATE INDEX listings_by_organization ON listings (organization_id, created_at DESC, id DESC);
-- The deadline sweep.
CREATE INDEX listings_open_until ON listings (apply_by) WHERE status = 'open';

-- One row per hired application: a hire fills a slot once, whatever the redelivery.
CREATE TABLE listing_hires (
    application_id uuid        PRIMARY KEY,
    listing_id     uuid        NOT NULL REFERENCES listings (id),
    engagement_id  text        NOT NULL DEFAULT '',
    hired_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX listing_hires_listing ON listing_hires (listing_id);
