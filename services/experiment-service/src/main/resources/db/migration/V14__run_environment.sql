-- what a run trained on (LeNet Lab's version and commit, JDK, DJL, libtorch, device, CPU, threads,
-- the dataset files' SHA-256), as its worker reported it with the result. Null for runs completed
-- before it was kept, and by workers that predate it.
alter table run_result add column environment jsonb;
