-- The secret of a run's current attempt, drawn when the lab hands the attempt to the workers and sent
-- only in its run request: the service applies an event of the attempt only if it carries the secret.
alter table run add column attempt_secret varchar(64);
-- Attempts handed out before this have no secret, so none of their events would count. A QUEUED one
-- goes back to the lab's queue as a new attempt (its old request on Kafka is stale then); a RUNNING one
-- falls silent for the service, whose heartbeat watchdog re-queues it and tells its worker to stop.
update run set attempt = attempt + 1, dispatched_at = null where status = 'QUEUED' and dispatched_at is not null;
