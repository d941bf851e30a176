-- What the service knows of the world, kept from events (never read from another
-- service's schema). Each projection keeps the newest version it saw.

-- Accounts from identity events: whom to address, by which name and address, and the
-- organization an employer acts for (its accounts hear the employer side).
CREATE TABLE accounts (
    account_id      uuid        PRIMARY KEY,
    email           text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('student', 'employer', 'institution')),
    display_name    text        NOT NULL,
    organization_id uuid,
    registered_at   timestamptz NOT NULL
);
CREATE INDEX accounts_by_organization ON accounts (organization_id)
    WHERE organization_id IS NOT NULL;

CREATE TABLE listings (
    listing_id        uuid        PRIMARY KEY,
    organization_id   uuid        NOT NULL,
    organization_name text        NOT NULL DEFAULT '',
    title             text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    apply_by          timestamptz NOT NULL,
    version           bigint      NOT NULL
);

CREATE TABLE applications (
    application_id  uuid        PRIMARY KEY,
    listing_id      uuid        NOT NULL,
    student_id      uuid        NOT NULL,
    organization_id uuid        NOT NULL,
    status          text        NOT NULL,
    decision_due_at timestamptz NOT NULL,
    version         bigint      NOT NULL
);
CREATE INDEX applications_undecided ON applications (listing_id, decision_due_at)
    WHERE status IN ('submitted', 'shortlisted');
CREATE INDEX applications_by_student ON applications (student_id, listing_id);

CREATE TABLE engagements (
    engagement_id   uuid        PRIMARY KEY,
    listing_id      uuid        NOT NULL,
    student_id      uuid        NOT NULL,
    organization_id uuid        NOT NULL,
    status          text        NOT NULL,
    started_at      timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    version         bigint      NOT NULL
);

-- Review windows (reputation events): who has reviewed, so that the closing reminder
-- goes only to a side that has not.
CREATE TABLE review_windows (
    engagement_id         uuid        PRIMARY KEY,
    student_id            uuid        NOT NULL,
    organization_id       uuid        NOT NULL,
    listing_title         text        NOT NULL DEFAULT '',
    closes_at             timestamptz NOT NULL,
    student_reviewed      boolean     NOT NULL DEFAULT false,
    organization_reviewed boolean     NOT NULL DEFAULT false,
    published             boolean     NOT NULL DEFAULT false
);

-- Each person's choices. No row: the defaults (every channel, immediate, UTC).
CREATE TABLE preferences (
    account_id  uuid        PRIMARY KEY,
    email       boolean     NOT NULL,
    in_app      boolean     NOT NULL,
    types       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    digest      text        NOT NULL CHECK (digest IN ('immediate', 'daily', 'weekly')),
    digest_hour integer     NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
    time_zone   text        NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Webhook endpoints, kept after they are replaced (the delivery log names them). One
-- current endpoint per account at most.
CREATE TABLE webhook_endpoints (
    id               uuid        PRIMARY KEY,
    account_id       uuid        NOT NULL,
    url              text        NOT NULL,
    secret           text        NOT NULL,
    -- During a rotation the old secret signs too, until previous_until.
    previous_secret  text,
    previous_until   timestamptz,
    created_at       timestamptz NOT NULL,
    replaced_at      timestamptz,
    disabled_at      timestamptz,
    disabled_reason  text        NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX webhook_endpoints_current ON webhook_endpoints (account_id)
    WHERE replaced_at IS NULL;

-- Per recipient, the sequence of its newest notification: taken under the row's lock,
-- so one recipient's notifications commit in sequence order and a live stream that has
-- seen sequence n has seen every one before it.
CREATE TABLE recipients (
    recipient_id  uuid   PRIMARY KEY,
    last_sequence bigint NOT NULL DEFAULT 0
);

CREATE TABLE notifications (
    id           uuid        PRIMARY KEY,
    -- What caused it and for whom (event id or match or reminder, and the recipient):
    -- one notification per cause per person, also when events come again.
    key          text        NOT NULL UNIQUE,
    recipient_id uuid        NOT NULL,
    sequence     bigint      NOT NULL,
    type         text        NOT NULL,
    title        text        NOT NULL,
    body         text        NOT NULL,
    data         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- False when the person switched this type off in-app (it may still be e-mailed).
    in_app       boolean     NOT NULL,
    created_at   timestamptz NOT NULL,
    read_at      timestamptz,
    UNIQUE (recipient_id, sequence)
);
CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC, id DESC)
    WHERE in_app;
CREATE INDEX notifications_unread ON notifications (recipient_id)
    WHERE in_app AND read_at IS NULL;

-- Organization messages that found no account yet (the identity event of the
-- employer arrives after the event about its listing): told to the organization's
-- first account when it becomes known.
CREATE TABLE waiting_for_organization (
    key             text        PRIMARY KEY,
    organization_id uuid        NOT NULL,
    message         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL
);
CREATE INDEX waiting_by_organization ON waiting_for_organization (organization_id);

-- E-mails, recorded (rendered, with their Message-ID) in the transaction that made the
-- notification, before any attempt: 'sending' is written and committed before the
-- SMTP conversation, so a replica that died mid-send leaves a row that is sent again,
-- with the same Message-ID, once its lease ran out (in_doubt tells those apart).
CREATE TABLE email_deliveries (
    id               uuid        PRIMARY KEY,
    recipient_id     uuid        NOT NULL,
    notification_id  uuid        REFERENCES notifications (id),
    digest_id        uuid,
    type             text        NOT NULL,
    message_id       text        NOT NULL UNIQUE,
    subject          text        NOT NULL,
    text_body        text        NOT NULL,
    html_body        text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    sending_since    timestamptz,
    in_doubt         boolean     NOT NULL DEFAULT false,
    last_error       text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    CHECK ((notification_id IS NULL) <> (digest_id IS NULL))
);
CREATE INDEX email_deliveries_due ON email_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_deliveries_sending ON email_deliveries (sending_since)
    WHERE status = 'sending';

-- Daily and weekly digests of "new project for you" e-mails: one pending per person.
CREATE TABLE digests (
    id           uuid        PRIMARY KEY,
    recipient_id uuid        NOT NULL,
    due_at       timestamptz NOT NULL,
    status       text        NOT NULL CHECK (status IN ('pending', 'sent')),
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz
);
CREATE UNIQUE INDEX digests_one_pending ON digests (recipient_id) WHERE status = 'pending';
CREATE INDEX digests_due ON digests (due_at) WHERE status = 'pending';

CREATE TABLE digest_items (
    digest_id       uuid NOT NULL REFERENCES digests (id),
    notification_id uuid NOT NULL REFERENCES notifications (id),
    PRIMARY KEY (digest_id, notification_id)
);

-- Webhook deliveries (one per notification and endpoint, its body fixed) and the log
-- of their attempts.
CREATE TABLE webhook_deliveries (
    id              uuid        PRIMARY KEY,
    endpoint_id     uuid        NOT NULL REFERENCES webhook_endpoints (id),
    account_id      uuid        NOT NULL,
    notification_id uuid        NOT NULL REFERENCES notifications (id),
    payload         text        NOT NULL,
    status          text        NOT NULL
                        CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'cancelled')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sending_since   timestamptz,
    created_at      timestamptz NOT NULL,
    delivered_at    timestamptz,
    UNIQUE (endpoint_id, notification_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_sending ON webhook_deliveries (sending_since)
    WHERE status = 'sending';

CREATE TABLE webhook_attempts (
    id              uuid        PRIMARY KEY,
    delivery_id     uuid        NOT NULL REFERENCES webhook_deliveries (id),
    account_id      uuid        NOT NULL,
    notification_id uuid        NOT NULL,
    url             text        NOT NULL,
    attempt         integer     NOT NULL,
    status_code     integer,
    error           text        NOT NULL DEFAULT '',
    next_attempt_at timestamptz,
    delivered_at    timestamptz,
    attempted_at    timestamptz NOT NULL
);
CREATE INDEX webhook_attempts_by_account
    ON webhook_attempts (account_id, attempted_at DESC, id DESC);

-- Reminders, scheduled from the times events carry and swept when due.
CREATE TABLE reminders (
    id              uuid        PRIMARY KEY,
    key             text        NOT NULL UNIQUE,
    kind            text        NOT NULL
                        CHECK (kind IN ('apply_by', 'decision_due', 'check_in', 'review_closing')),
    subject_id      uuid        NOT NULL,
    account_id      uuid,
    organization_id uuid,
    deadline        timestamptz NOT NULL,
    remind_at       timestamptz NOT NULL,
    details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    status          text        NOT NULL CHECK (status IN ('pending', 'sent', 'cancelled')),
    created_at      timestamptz NOT NULL,
    settled_at      timestamptz,
    CHECK ((account_id IS NULL) <> (organization_id IS NULL))
);
CREATE INDEX reminders_due ON reminders (remind_at) WHERE status = 'pending';
CREATE INDEX reminders_pending_by_subject ON reminders (subject_id) WHERE status = 'pending';
