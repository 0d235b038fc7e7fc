//! The administrator's workflow editor through the desk API, on real SQLite files.

use desk::Desk;
use jiff::Timestamp;
use proto::{
    CommandError, ErrorCode, QueueQuery, QueueScope, Role, User, WorkflowEditInput,
    WorkflowSettings,
};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn names(s: &WorkflowSettings) -> Vec<&str> {
    s.stages.iter().map(|s| s.name.as_str()).collect()
}

fn query(scope: QueueScope) -> QueueQuery {
    QueueQuery {
        scope,
        channel: None,
        delivery: None,
        payment: None,
        paid: None,
        created_from: None,
        created_to: None,
        from_day: None,
        to_day: None,
        limit: 1000,
    }
}

#[test]
fn admin_adds_renames_reorders_and_limits_stages_and_it_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let desk = Desk::open_demo(dir.path(), now()).expect("open");
        let s = desk
            .edit_workflow(
                WorkflowEditInput::AddStage {
                    name: "  Упаковка ".into(),
                    after: Some("picking".into()),
                    time_limit_minutes: Some(45),
                },
                now(),
            )
            .expect("added");
        let at = names(&s)
            .iter()
            .position(|n| *n == "Упаковка")
            .expect("listed");
        assert_eq!(names(&s)[at - 1], "Комплектация");
        let packing = s.stages[at].id.clone();
        assert_eq!(s.stages[at].time_limit_minutes, Some(45));
        desk.edit_workflow(
            WorkflowEditInput::Rename {
                stage: "call".into(),
                name: "Звонок клиенту".into(),
            },
            now(),
        )
        .expect("renamed");
        desk.edit_workflow(
            WorkflowEditInput::Reorder {
                stage: packing.clone(),
                index: 0,
            },
            now(),
        )
        .expect("reordered");
        let s = desk
            .edit_workflow(
                WorkflowEditInput::SetLimit {
                    stage: packing,
                    time_limit_minutes: None,
                    clock_paused: true,
                },
                now(),
            )
            .expect("limit");
        assert_eq!(s.stages[0].name, "Упаковка");
        assert!(s.stages[0].clock_paused);
        assert_eq!(
            s.changes.len(),
            4,
            "every edit is in the log: {:?}",
            s.changes
        );
        assert_eq!(s.changes[0].kind, "set_stage_limit");
        assert_eq!(s.changes[0].actor, "Администратор");
    }
    let desk = Desk::open_demo(dir.path(), now()).expect("reopen");
    let s = desk.workflow_settings(now()).expect("settings");
    assert_eq!(names(&s)[0], "Упаковка");
    assert!(names(&s).contains(&"Звонок клиенту"));
    let queue = desk.queue(now()).expect("queue");
    assert!(queue.stages.iter().any(|st| st.name == "Звонок клиенту"));
}

#[test]
fn orders_in_a_removed_stage_are_kept_flagged_and_can_be_moved_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let in_call = desk
        .orders(
            query(QueueScope::Stage {
                stage_id: "call".into(),
            }),
            now(),
        )
        .expect("call queue");
    assert!(!in_call.is_empty(), "the demo shop has orders in «Отзвон»");
    let s = desk
        .edit_workflow(
            WorkflowEditInput::Remove {
                stage: "call".into(),
            },
            now(),
        )
        .expect("removed");
    assert!(!names(&s).contains(&"Отзвон"));
    assert_eq!(s.removed.len(), 1);
    assert_eq!(s.removed[0].orders as usize, in_call.len());

    // Listed, flagged, every order a problem.
    let queue = desk.queue(now()).expect("queue");
    let stranded = queue
        .stages
        .iter()
        .find(|st| st.id == "call")
        .expect("the removed stage is listed while it holds orders");
    assert!(stranded.removed);
    assert_eq!(stranded.overdue as usize, in_call.len());
    let problems = desk
        .orders(query(QueueScope::Problems), now())
        .expect("problems");
    for row in &in_call {
        assert!(
            problems.iter().any(|p| p.id == row.id),
            "{} flagged",
            row.number
        );
    }
    let card = desk.order(&in_call[0].id).expect("card");
    assert!(card.stage_removed);
    assert_eq!(card.stage_name, "Отзвон");

    // Moving it on takes it out of the removed stage and out of the problems.
    let moved = desk.advance(&in_call[0].id, now()).expect("moves on");
    assert_eq!(moved.stage_id, "picking");
    assert!(!moved.stage_removed);
    let problems = desk
        .orders(query(QueueScope::Problems), now())
        .expect("problems");
    assert!(!problems.iter().any(|p| p.id == in_call[0].id));
}

#[test]
fn only_the_admin_edits_stages_and_bad_edits_say_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let err = CommandError::from(
        desk.edit_workflow(
            WorkflowEditInput::Remove {
                stage: "done".into(),
            },
            now(),
        )
        .expect_err("a final stage is not removed"),
    );
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("Завершён"), "{}", err.message);

    desk.set_user(User {
        id: "anna".into(),
        name: "Анна".into(),
        role: Role::Manager,
    });
    let err = CommandError::from(
        desk.edit_workflow(
            WorkflowEditInput::Rename {
                stage: "call".into(),
                name: "Звонок".into(),
            },
            now(),
        )
        .expect_err("a manager may not"),
    );
    assert_eq!(err.code, ErrorCode::Forbidden);
    let s = desk.workflow_settings(now()).expect("settings");
    assert!(names(&s).contains(&"Отзвон"), "nothing changed");
    assert!(s.changes.is_empty(), "a refused edit is not logged");
}

#[test]
fn a_route_change_takes_effect_for_the_next_move() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    // Courier call now only for post orders: a courier order in picking skips it.
    desk.edit_workflow(
        WorkflowEditInput::SetRoute {
            stage: "courier_call".into(),
            delivery: Some(vec![proto::DeliveryMethod::Post]),
            payment: None,
        },
        now(),
    )
    .expect("route");
    let picking = desk
        .orders(
            query(QueueScope::Stage {
                stage_id: "picking".into(),
            }),
            now(),
        )
        .expect("picking");
    let courier = picking
        .iter()
        .map(|r| desk.order(&r.id).expect("card"))
        .find(|o| o.delivery == proto::DeliveryMethod::Courier)
        .expect("a courier order in picking");
    assert_ne!(courier.next_stage.as_deref(), Some("courier_call"));
    let moved = desk.advance(&courier.id, now()).expect("moves");
    assert_ne!(moved.stage_id, "courier_call");
}

#[test]
fn date_filters_cut_days_in_the_shops_time_zone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    assert_eq!(desk.time_zone().expect("zone"), "Europe/Moscow");
    let all = desk.orders(query(QueueScope::All), now()).expect("all");
    let day = |zone: &str| {
        let q = QueueQuery {
            from_day: Some("2025-03-02".into()),
            to_day: Some("2025-03-02".into()),
            ..query(QueueScope::All)
        };
        desk.set_time_zone(zone).expect("zone set");
        let rows = desk.orders(q, now()).expect("filtered");
        let tz = jiff::tz::TimeZone::get(zone).expect("known zone");
        let expected: Vec<&str> = all
            .iter()
            .filter(|r| {
                let created = desk.order(&r.id).expect("card").created_at;
                let local = jiff::Timestamp::from_millisecond(created)
                    .expect("instant")
                    .to_zoned(tz.clone())
                    .date();
                local == jiff::civil::date(2025, 3, 2)
            })
            .map(|r| r.id.as_str())
            .collect();
        let mut got: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
        got.sort();
        let mut want = expected.clone();
        want.sort();
        assert_eq!(got.len(), want.len(), "{zone}");
        assert!(
            !want.is_empty(),
            "demo orders were created on 2 March in {zone}"
        );
        want.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()
    };
    let moscow = day("Europe/Moscow");
    let vladivostok = day("Asia/Vladivostok");
    assert_ne!(
        moscow, vladivostok,
        "a seven-hour shift moves orders between days"
    );
    let err = desk
        .set_time_zone("Mars/Olympus")
        .expect_err("unknown zone");
    assert_eq!(CommandError::from(err).code, ErrorCode::InvalidInput);
    assert_eq!(desk.time_zone().expect("zone"), "Asia/Vladivostok");
}
