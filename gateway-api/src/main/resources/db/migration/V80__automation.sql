-- Issue 19: a command an automation rule authorised names the rule instead of a grant (the ledger record also names
-- the triggering window and readings). NULL for commands an operator issued under a grant.
ALTER TABLE commands ADD COLUMN rule_id VARCHAR(64) NULL AFTER grant_id;
