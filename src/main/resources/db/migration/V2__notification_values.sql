-- A notice is recorded with the values it is made of and rendered when it is sent, outside the official's
-- transaction; the subject and body sent are then written to the row, which is what the audit of a sent mail shows.
-- Rows recorded before this change keep their rendered text and are sent as they are.
ALTER TABLE axhub_notification ADD COLUMN notice_values TEXT;
ALTER TABLE axhub_notification ALTER COLUMN subject DROP NOT NULL;
ALTER TABLE axhub_notification ALTER COLUMN body DROP NOT NULL;
