-- The last epoch at which early stopping judged a trial: its decisions are final (a trial that
-- went on at a rung is not stopped there later, when more trials have reached it), and a rung
-- passed while the service was down is still judged when it is back.
alter table sweep_trial add column judged_epoch integer not null default 0;
