-- Experiments and their runs. A run is one config with one seed; it may be trained several
-- times (attempts): re-queued after a lost worker, or retried by a user.
create table experiment (
    id          uuid primary key,
    name        varchar(200)  not null,
    description varchar(2000),
    created_at  timestamptz   not null
);

create table run (
    id                uuid primary key,
    experiment_id     uuid         not null references experiment (id) on delete cascade,
    ordinal           integer      not null,
    preset            varchar(64),
    seed              bigint       not null,
    config            jsonb        not null,
    status            varchar(16)  not null,
    attempt           integer      not null,
    worker_id         varchar(200),
    device            varchar(64),
    parameters        bigint,
    layers            jsonb,
    progress          jsonb,
    error             text,
    cancel_requested  boolean      not null default false,
    created_at        timestamptz  not null,
    queued_at         timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    last_heartbeat_at timestamptz,
    unique (experiment_id, ordinal)
);
create index run_status_idx on run (status);

-- one row per epoch of an attempt: redelivered or duplicated events overwrite, never add
create table epoch_metric (
    run_id              uuid             not null references run (id) on delete cascade,
    attempt             integer          not null,
    epoch               integer          not null,
    train_loss          double precision not null,
    train_accuracy      double precision not null,
    test_loss           double precision not null,
    test_accuracy       double precision not null,
    learning_rate       double precision not null,
    seconds             double precision not null,
    examples_per_second double precision not null,
    primary key (run_id, attempt, epoch)
);

create table run_result (
    run_id             uuid primary key references run (id) on delete cascade,
    attempt            integer          not null,
    confusion_matrix   jsonb            not null,
    per_class_accuracy jsonb            not null,
    predictions        jsonb            not null,
    total_seconds      double precision not null
);

create table model_artifact (
    run_id     uuid primary key references run (id) on delete cascade,
    attempt    integer     not null,
    sha256     varchar(64) not null,
    size_bytes bigint      not null,
    data       bytea       not null
);
