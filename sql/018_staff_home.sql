-- The staff home (/staff) asks three questions on every view: the
-- newest drafts, the searches of the last days that found nothing and
-- the recent "not helpful" votes.  Each walks an index of its own and
-- stops at its limit instead of reading every item, search or vote.
CREATE INDEX items_status_updated ON items (status, updated_at);
CREATE INDEX search_log_results ON search_log (results, created_at);
CREATE INDEX item_feedback_recent ON item_feedback (helpful, created_at);
