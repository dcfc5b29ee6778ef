-- A lead may rename a cohort's sets (issue 11): names stay unique within the cohort, so a
-- facilitator or member never sees two sets of one cohort under the same name.
CREATE UNIQUE INDEX action_sets_cohort_name_key ON action_sets (cohort_id, name);
