-- Seed racing (a sweep's seeds.adaptive): per trial, the seeds the race added to its first ones, the
-- last rung it was raced at (its decisions there are final, as judged_epoch's), its verdict once its
-- seeds were done (STOP, MORE_SEEDS, GO_ON; null before) and why it got no more seeds.
alter table sweep_trial add column extra_seeds integer not null default 0;
alter table sweep_trial add column raced_epoch integer not null default 0;
alter table sweep_trial add column race_verdict varchar(16);
alter table sweep_trial add column seed_stop_reason text;
