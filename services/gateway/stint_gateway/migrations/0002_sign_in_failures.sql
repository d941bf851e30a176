-- Failed sign-ins per e-mail address (lower-cased), for throttling password guessing.
-- Kept for unknown addresses too, so that throttling says nothing about which exist.
CREATE TABLE sign_in_failures (
    email_key  text        NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_recent ON sign_in_failures (email_key, failed_at);
