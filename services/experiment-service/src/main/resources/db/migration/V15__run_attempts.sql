-- Attempts count only a run's own failures (issue 27). A worker that hands a run back (RELEASED:
-- a deploy, a scale-in) or goes silent gives it a new attempt without using one up.
-- failures: its attempts that ended FAILED, bounded by lenetlab.runs.max-attempts.
-- losses: its workers lost in a row (heartbeat timeouts with no hand-back or failure between),
-- bounded by lenetlab.runs.max-losses: a run that crashes every worker's JVM still ends.
-- Runs before the upgrade start at 0: their earlier attempts were not told apart.
alter table run add column failures integer not null default 0;
alter table run add column losses integer not null default 0;
-- One row per attempt a worker took: who, when, and how it ended (null while it runs); the epochs it
-- reported are its rows in epoch_metric. Attempts before the upgrade have none.
create table run_attempt (
    run_id     uuid         not null references run (id) on delete cascade,
    attempt    integer      not null,
    worker_id  varchar(200) not null,
    started_at timestamptz  not null,
    ended_at   timestamptz,
    ended      varchar(16),
    primary key (run_id, attempt)
);
