-- Quartz 4.7 job store tables for PostgreSQL (recipeci's own DDL, written from Quartz's documented table layout,
-- including the columns 4.x added; the execution-history tables are left out because that feature is off).
-- Idempotent: every statement is CREATE ... IF NOT EXISTS, so it runs at every start; QuartzSchemaMigrator runs it
-- under an advisory lock so nodes starting together do not race. Quartz's SQL names tables and columns unquoted,
-- so PostgreSQL folds them to these lower-case names.

create table if not exists qrtz_job_details (
    sched_name        text    not null,
    job_name          text    not null,
    job_group         text    not null,
    description       text,
    job_class_name    text    not null,
    is_durable        boolean not null,
    is_nonconcurrent  boolean not null,
    is_update_data    boolean not null,
    requests_recovery boolean not null,
    job_data          bytea,
    primary key (sched_name, job_name, job_group)
);

create table if not exists qrtz_triggers (
    sched_name             text     not null,
    trigger_name           text     not null,
    trigger_group          text     not null,
    job_name               text     not null,
    job_group              text     not null,
    description            text,
    next_fire_time         bigint,
    prev_fire_time         bigint,
    priority               integer,
    trigger_state          text     not null,
    trigger_type           text     not null,
    start_time             bigint   not null,
    end_time               bigint,
    calendar_name          text,
    misfire_instr          smallint,
    misfire_orig_fire_time bigint,
    misfire_threshold      bigint,
    execution_group        text,
    preferred_node         text,
    preferred_node_auto    boolean  not null default false,
    retry_policy           text,
    retry_attempt          integer,
    continues_trigger_name  text,
    continues_trigger_group text,
    continuation_condition integer,
    overlap_policy         integer,
    pause_reason           text,
    paused_by              text,
    paused_at              bigint,
    fixed_delay            boolean,
    job_data               bytea,
    primary key (sched_name, trigger_name, trigger_group),
    foreign key (sched_name, job_name, job_group) references qrtz_job_details (sched_name, job_name, job_group)
);

create table if not exists qrtz_simple_triggers (
    sched_name      text   not null,
    trigger_name    text   not null,
    trigger_group   text   not null,
    repeat_count    bigint not null,
    repeat_interval bigint not null,
    times_triggered bigint not null,
    primary key (sched_name, trigger_name, trigger_group),
    foreign key (sched_name, trigger_name, trigger_group)
        references qrtz_triggers (sched_name, trigger_name, trigger_group) on delete cascade
);

create table if not exists qrtz_simprop_triggers (
    sched_name    text not null,
    trigger_name  text not null,
    trigger_group text not null,
    str_prop_1    text,
    str_prop_2    text,
    str_prop_3    text,
    int_prop_1    integer,
    int_prop_2    integer,
    long_prop_1   bigint,
    long_prop_2   bigint,
    dec_prop_1    numeric,
    dec_prop_2    numeric,
    bool_prop_1   boolean,
    bool_prop_2   boolean,
    time_zone_id  text,
    primary key (sched_name, trigger_name, trigger_group),
    foreign key (sched_name, trigger_name, trigger_group)
        references qrtz_triggers (sched_name, trigger_name, trigger_group) on delete cascade
);

create table if not exists qrtz_cron_triggers (
    sched_name      text not null,
    trigger_name    text not null,
    trigger_group   text not null,
    cron_expression text not null,
    time_zone_id    text,
    primary key (sched_name, trigger_name, trigger_group),
    foreign key (sched_name, trigger_name, trigger_group)
        references qrtz_triggers (sched_name, trigger_name, trigger_group) on delete cascade
);

create table if not exists qrtz_blob_triggers (
    sched_name    text not null,
    trigger_name  text not null,
    trigger_group text not null,
    blob_data     bytea,
    primary key (sched_name, trigger_name, trigger_group),
    foreign key (sched_name, trigger_name, trigger_group)
        references qrtz_triggers (sched_name, trigger_name, trigger_group) on delete cascade
);

create table if not exists qrtz_calendars (
    sched_name    text  not null,
    calendar_name text  not null,
    calendar      bytea not null,
    primary key (sched_name, calendar_name)
);

create table if not exists qrtz_paused_trigger_grps (
    sched_name    text not null,
    trigger_group text not null,
    pause_reason  text,
    paused_by     text,
    paused_at     bigint,
    primary key (sched_name, trigger_group)
);

create table if not exists qrtz_paused_job_grps (
    sched_name   text not null,
    job_group    text not null,
    pause_reason text,
    paused_by    text,
    paused_at    bigint,
    primary key (sched_name, job_group)
);

create table if not exists qrtz_fired_triggers (
    sched_name        text    not null,
    entry_id          text    not null,
    trigger_name      text    not null,
    trigger_group     text    not null,
    instance_name     text    not null,
    fired_time        bigint  not null,
    sched_time        bigint  not null,
    priority          integer not null,
    state             text    not null,
    job_name          text,
    job_group         text,
    is_nonconcurrent  boolean not null,
    requests_recovery boolean,
    execution_group   text,
    progress          integer,
    progress_message  text,
    interrupt_requested_time bigint,
    primary key (sched_name, entry_id)
);

create table if not exists qrtz_scheduler_state (
    sched_name        text   not null,
    instance_name     text   not null,
    last_checkin_time bigint not null,
    checkin_interval  bigint not null,
    quartz_version    text,
    primary key (sched_name, instance_name)
);

create table if not exists qrtz_locks (
    sched_name text not null,
    lock_name  text not null,
    primary key (sched_name, lock_name)
);

-- The acquisition and misfire scans filter on state and next fire time; recovery looks fired rows up by node.
create index if not exists idx_qrtz_t_next_fire_time on qrtz_triggers (sched_name, trigger_state, next_fire_time);
create index if not exists idx_qrtz_t_job on qrtz_triggers (sched_name, job_name, job_group);
create index if not exists idx_qrtz_t_group on qrtz_triggers (sched_name, trigger_group, trigger_name);
create index if not exists idx_qrtz_ft_instance on qrtz_fired_triggers (sched_name, instance_name, requests_recovery);
create index if not exists idx_qrtz_ft_trigger on qrtz_fired_triggers (sched_name, trigger_name, trigger_group);
create index if not exists idx_qrtz_ft_job on qrtz_fired_triggers (sched_name, job_name, job_group);
