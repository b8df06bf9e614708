-- A bounce report's dedupe key quoted the recipient's address ("<report id>:<address>"), so erasing a person left
-- their address in every key. Keys are now stored as the hex SHA-256 of what they were (record.ts hashes new ones
-- the same way): a report read twice is still recorded once, and the key says nothing about anyone.
UPDATE "bounce_reports" SET "dedupe_key" = encode(sha256(convert_to("dedupe_key", 'UTF8')), 'hex');
