-- The lab's own queue: a QUEUED run waits here (dispatched_at null) until the service hands it to the
-- workers, by priority, then the user with the fewest active runs, then age. Runs queued before
-- this were handed to Kafka already.
alter table run add column dispatched_at timestamptz;
alter table run add column priority integer not null default 0;
update run set dispatched_at = queued_at where status = 'QUEUED';
create index run_waiting_idx on run (priority desc, created_at) where status = 'QUEUED' and dispatched_at is null;
