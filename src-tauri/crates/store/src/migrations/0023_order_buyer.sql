-- Who an order is billed to when it is a company (or a sole trader): the JSON of
-- domain::Company (legal name, ИНН, КПП, legal address, bank). NULL bills the customer as a
-- private person, as every order before this column did. One column of JSON rather than eight
-- so that the same value can later be kept on the customer and copied onto an order as is.
ALTER TABLE orders ADD COLUMN buyer TEXT;
