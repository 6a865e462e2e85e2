-- the runs list, newest first, one page at a time (GET /api/runs)
create index run_created_idx on run (created_at desc, ordinal);
