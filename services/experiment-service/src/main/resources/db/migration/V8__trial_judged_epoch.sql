-- The last epoch at which early stopping judged a trial: its decisions are final (a trial that
-- went on at a rung is not stopped there later, when more trials have reached it), and a rung
-- passed while the service was down is still judged when it is back.
alter table sweep_trial add column judged_epoch integer not null default 0;
-- Trials of sweeps running at the upgrade were judged (or went on) at every epoch their runs had
-- reached: those judgements stand.
update sweep_trial t
set judged_epoch = coalesce((select max(e.epoch)
                             from run r
                             join epoch_metric e on e.run_id = r.id and e.attempt = r.attempt
                             where r.sweep_id = t.sweep_id and r.trial = t.trial), 0);
