-- Who may use the API: passwords as bcrypt hashes (modular crypt format), one role each.
create table app_user (
    id             bigint generated always as identity primary key,
    username       varchar(64)  not null unique,
    password_hash  varchar(100) not null,
    role           varchar(16)  not null check (role in ('viewer', 'researcher', 'admin')),
    created_at     timestamptz  not null
);

-- who submitted an experiment: researchers cancel and retry only their own runs
alter table experiment add column owner varchar(64);
