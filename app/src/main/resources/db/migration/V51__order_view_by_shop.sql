-- GET /merchants/{id}/orders finds a shop's orders by containment in the order lines (each line records its
-- merchantId since issue 9): a GIN index over the lines keeps that an index lookup.
CREATE INDEX order_view_items_idx ON order_view USING gin (items jsonb_path_ops);
