-- Sweeps: a search over a config space. Its runs live in an experiment of their own (named after
-- the sweep), grouped in trials: one set of values, one run per seed.
create table sweep (
    id            uuid primary key,
    experiment_id uuid         not null references experiment (id) on delete cascade,
    name          varchar(200) not null,
    owner         varchar(64),
    spec          jsonb        not null,
    status        varchar(16)  not null,
    created_at    timestamptz  not null,
    finished_at   timestamptz
);

create table sweep_trial (
    sweep_id      uuid    not null references sweep (id) on delete cascade,
    trial         integer not null,
    trial_values  jsonb   not null,
    primary key (sweep_id, trial)
);

alter table run add column sweep_id uuid references sweep (id) on delete cascade;
alter table run add column trial integer;
create index run_sweep_idx on run (sweep_id) where sweep_id is not null;
