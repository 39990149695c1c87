-- A token chosen by hand (UPSELL_ADMIN_TOKEN) kept its first 8 characters as its prefix, which
-- token.list shows: part of a secret someone chose. Generated tokens (`ups_` and 43 random
-- characters) keep theirs; any other prefix, and that of the environment's token under both names
-- it has had, is emptied, as createTokenWithValue now stores it.
UPDATE "tokens" SET "prefix" = ''
WHERE left("prefix", 4) <> 'ups_' OR "name" IN ('from UPSELL_ADMIN_TOKEN', 'admin (UPSELL_ADMIN_TOKEN)');
