use domain::{Actor, Role, Workflow, WorkflowTemplate};
use jiff::Timestamp;
use uuid::Uuid;

use super::{OwnStep, SetupChoice, SetupOp, SetupOutcome, ShopSetup};
use crate::Store;

fn now() -> Timestamp {
    "2026-03-03T09:00:00Z".parse().expect("instant")
}

fn op(choice: SetupChoice) -> SetupOp {
    SetupOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "admin".into(),
            name: "Администратор".into(),
            role: Role::Admin,
        },
        at: now(),
        choice,
    }
}

fn pickup() -> SetupChoice {
    SetupChoice::Workflow {
        template: "pickup".into(),
        workflow: WorkflowTemplate::Pickup.workflow(),
    }
}

/// The shop ops in the order they were written (the workflow editor's log leaves the first
/// run's steps out, so they are read from the log itself).
fn setup_ops(store: &Store) -> Vec<String> {
    store
        .readers
        .read(|conn| {
            let mut stmt =
                conn.prepare("SELECT kind FROM ops WHERE order_id IS NULL ORDER BY device_seq")?;
            let kinds = stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?;
            Ok(kinds)
        })
        .expect("shop ops")
}

#[test]
fn a_shop_of_its_own_is_set_up_in_order_each_step_with_its_op_and_none_of_them_pushed() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
    assert_eq!(store.shop_setup().expect("state"), ShopSetup::New);

    let started = store
        .set_up(op(SetupChoice::StartOwn {
            name: "Добрые традиции".into(),
        }))
        .expect("start");
    assert_eq!(
        started,
        SetupOutcome::Done(ShopSetup::Own(OwnStep::Requisites))
    );
    assert_eq!(
        store.shop_name().expect("name").as_deref(),
        Some("Добрые традиции")
    );
    // The stages come before their turn: nothing is written.
    assert_eq!(
        store.set_up(op(pickup())).expect("early"),
        SetupOutcome::OutOfTurn(ShopSetup::Own(OwnStep::Requisites))
    );
    assert_eq!(store.workflow().expect("wf"), Workflow::default_template());

    store
        .set_up(op(SetupChoice::RequisitesDone))
        .expect("requisites");
    store.set_up(op(pickup())).expect("stages");
    store
        .set_up(op(SetupChoice::MethodsDone))
        .expect("delivery and payment");
    let stages: Vec<String> = store
        .workflow()
        .expect("wf")
        .stages()
        .iter()
        .map(|s| s.name.clone())
        .collect();
    assert_eq!(stages[4], "Готов к выдаче");
    assert_eq!(
        store.workflow().expect("wf").transitions(),
        Workflow::pickup_template().transitions()
    );
    let done = store
        .set_up(op(SetupChoice::FirstAdmin {
            name: "Иванова Мария".into(),
            person_id: Uuid::now_v7(),
            pin_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo".into(),
        }))
        .expect("admin");
    // The administrator is a person who signs in, and signed in here.
    let people = store.people().expect("people");
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].name, "Иванова Мария");
    assert_eq!(people[0].role, domain::Role::Admin);
    assert!(people[0].has_pin);
    assert_eq!(
        store.remembered_person().expect("remembered"),
        Some(people[0].id)
    );
    assert_eq!(done, SetupOutcome::Done(ShopSetup::Own(OwnStep::Done)));
    assert_eq!(
        store.first_admin().expect("admin").as_deref(),
        Some("Иванова Мария")
    );
    assert_eq!(
        setup_ops(&store),
        ["start_shop", "choose_workflow", "first_admin"]
    );
    // Once set up, it stays: no demo, no second start.
    assert!(matches!(
        store
            .set_up(op(SetupChoice::StartOwn {
                name: "Ещё".into()
            }))
            .expect("again"),
        SetupOutcome::OutOfTurn(_)
    ));
    // The hub keeps its own shop: none of these goes to it.
    assert!(store.unsent_ops(100).expect("unsent").is_empty());
    drop(store);
    let reopened = Store::open(&dir.path().join("shop.sqlite3")).expect("reopen");
    assert_eq!(
        reopened.shop_setup().expect("state"),
        ShopSetup::Own(OwnStep::Done)
    );
}

#[test]
fn the_demo_is_taken_by_a_new_shop_only_and_a_database_given_it_before_reads_as_the_demo() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
    store
        .set_up(op(SetupChoice::StartOwn {
            name: "Свой".into(),
        }))
        .expect("own");
    let demo = SetupChoice::Demo {
        seed: Box::default(),
        requisites: Box::default(),
    };
    assert!(matches!(
        store.set_up(op(demo.clone())).expect("demo"),
        SetupOutcome::OutOfTurn(_)
    ));
    assert_eq!(store.row_counts().expect("rows").requisites, 0);

    // Before the first-run screen every desk got the demo under this key.
    let old = Store::open(&dir.path().join("old.sqlite3")).expect("open");
    old.seed_once(super::DEMO_SEEDED, crate::Seed::default())
        .expect("seeded");
    assert_eq!(old.shop_setup().expect("state"), ShopSetup::Demo);
    assert!(matches!(
        old.set_up(op(demo)).expect("demo"),
        SetupOutcome::OutOfTurn(ShopSetup::Demo)
    ));
    // A team member is the hub's shop whatever it was before.
    old.join_team(now()).expect("join");
    assert_eq!(old.shop_setup().expect("state"), ShopSetup::Team);
}
