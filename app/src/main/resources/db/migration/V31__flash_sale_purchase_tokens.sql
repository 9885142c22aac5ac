-- GET /flash-sales/{id} shows whether a sale needs a purchase token and how much proof of work that token costs.
ALTER TABLE flash_sale_view ADD COLUMN require_purchase_token boolean NOT NULL DEFAULT false;
ALTER TABLE flash_sale_view ADD COLUMN proof_of_work_bits integer NOT NULL DEFAULT 0;
