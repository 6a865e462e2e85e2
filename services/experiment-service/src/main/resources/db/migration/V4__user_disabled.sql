-- admins disable a user instead of deleting one who owns experiments (the name stays taken)
alter table app_user add column disabled boolean not null default false;
