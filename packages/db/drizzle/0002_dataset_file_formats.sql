-- How each file's dates and numbers were read at import (issue 10: day-first dates, decimal commas),
-- so that every recomputation reads it the same way. Files imported before have none: they were
-- read as ISO dates and decimal points, which is what a missing value means.
ALTER TABLE "dataset_files" ADD COLUMN "formats" jsonb;
