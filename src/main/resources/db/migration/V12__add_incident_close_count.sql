-- Each close gets its own report: a reopened and closed-again incident is reported again, once.
ALTER TABLE incidents ADD close_count INT DEFAULT 0 NOT NULL
