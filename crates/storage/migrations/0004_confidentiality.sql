-- Sharing follows the relationship held when an entry was shared (issue 9). An entry shared
-- with "my supervisor", "my set's facilitator" or "my set" is readable by the people who held
-- that relationship at the moment it was shared and still hold it; someone who takes the role
-- later reads only what is shared after they took it, unless the author shares it again.

-- When the entry was last shared (NULL while it is private). Entries already shared count as
-- shared when they were last changed.
ALTER TABLE diary_entries ADD COLUMN shared_at BIGINT;
UPDATE diary_entries SET shared_at = updated_at WHERE sharing <> 'private';

-- When each facilitator joined the set, and when each supervisor took the facilitator on.
-- Relationships that exist already are treated as held from the start, so nothing that was
-- readable before this migration stops being readable by the same person.
ALTER TABLE set_facilitators ADD COLUMN added_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE supervisions ADD COLUMN started_at BIGINT NOT NULL DEFAULT 0;

-- Writing in a diary, bringing a problem and recording or reviewing an action are content
-- events: nobody but the author needs a record of when they happened, so they are no longer
-- audited, and the entries recorded before are removed (the only deletion from the audit log,
-- made once, here).
DELETE FROM audit_log WHERE action IN ('diary.created', 'diary.updated', 'log.created',
    'log.updated', 'problems.added', 'actions.added', 'actions.reviewed');
