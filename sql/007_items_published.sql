-- Newest-first lists (the home page, news) walk this index and stop at
-- their limit instead of sorting every published item.
CREATE INDEX items_published ON items (status, published_at);
