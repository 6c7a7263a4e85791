-- Outbox of e-mail notifications. A row is written in the same transaction as the engine command that causes it
-- (task created, outcome reached, report due), so a rolled-back command leaves no row and a committed one is never
-- lost; the dispatcher sends it afterwards. Portable SQL: runs on H2 2.x and PostgreSQL 14+.
CREATE TABLE axhub_notification (
  id                  VARCHAR(36)   NOT NULL,
  kind                VARCHAR(40)   NOT NULL,
  dedupe_key          VARCHAR(512)  NOT NULL,
  recipient_address   VARCHAR(320)  NOT NULL,
  recipient_user_id   VARCHAR(128),
  subject             VARCHAR(1000) NOT NULL,
  body                TEXT          NOT NULL,
  process_instance_id VARCHAR(64),
  execution_id        VARCHAR(64),
  task_id             VARCHAR(64),
  programme_code      VARCHAR(200),
  status              VARCHAR(16)   NOT NULL,
  attempts            INTEGER       DEFAULT 0 NOT NULL,
  next_attempt_at     TIMESTAMP     NOT NULL,
  last_error          VARCHAR(4000),
  created_at          TIMESTAMP     NOT NULL,
  sent_at             TIMESTAMP,
  claimed_by          VARCHAR(100),
  claimed_at          TIMESTAMP,
  incident_id         VARCHAR(64),
  CONSTRAINT pk_axhub_notification PRIMARY KEY (id),
  CONSTRAINT uq_axhub_notification_dedupe UNIQUE (dedupe_key),
  CONSTRAINT ck_axhub_notification_status CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED'))
);

CREATE INDEX ix_axhub_notification_due ON axhub_notification (status, next_attempt_at);
CREATE INDEX ix_axhub_notification_programme ON axhub_notification (programme_code);
