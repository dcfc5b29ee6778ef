-- Erasure (issue 17, C11): an erased person's row stays so that others' records (set
-- membership history, attendance totals, the audit log) keep valid references, but it names
-- "Former member", holds an unroutable placeholder address and no password. `erased_at` says
-- it was erased: such a row cannot sign in, is left out of directories and pickers, and cannot
-- be erased twice.
ALTER TABLE people ADD COLUMN erased_at BIGINT;
