-- every test image's true and predicted class, a byte per image (10 KB for the whole test set):
-- which images two runs disagree on. Null for runs completed before it was kept.
alter table run_result add column test_predictions bytea;
