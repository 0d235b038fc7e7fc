//! A shared device (members taking turns at one PC): who its ops are by, who it may name, and
//! that only it learns the members' PIN hashes.

use testkit::team::{ANNA, PETR};

use super::*;

struct Shared {
    token: String,
    personal: String,
    anna: Uuid,
    petr: Uuid,
    olga: Uuid,
}

/// Anna (manager) and Petr (picker) have PINs (`testkit::team::shared_pc`); Olga (manager) has
/// none and a PC of her own.
async fn shared(f: &Fixture) -> Shared {
    let team = testkit::team::shared_pc(&f.pool)
        .await
        .expect("a shared PC");
    let olga = admin::create_user(&f.pool, team.shop, "olga", "Ольга", "manager")
        .await
        .expect("Olga");
    let (_, personal) = admin::create_device(&f.pool, olga, "Olga's PC")
        .await
        .expect("device");
    Shared {
        token: team.token,
        personal,
        anna: team.anna,
        petr: team.petr,
        olga,
    }
}

fn by(mut env: OpEnvelope, who: Uuid, name: &str, role: Role) -> OpEnvelope {
    env.actor = Actor {
        id: who.to_string(),
        name: name.into(),
        role,
    };
    env
}

async fn get(f: &Fixture, path: &str, token: &str, member: Option<Uuid>) -> reqwest::Response {
    let mut req = f
        .http
        .get(format!("{}{path}", f.hub.url()))
        .bearer_auth(token)
        .header("orderdesk-protocol", PROTOCOL_VERSION.to_string());
    if let Some(m) = member {
        req = req.header("orderdesk-member", m.to_string());
    }
    req.send().await.expect("hub answers")
}

#[tokio::test]
async fn a_shared_devices_op_is_the_named_members_with_the_hubs_name_and_role() {
    let f = Fixture::start("hub_shared_ops", |_| {}).await;
    let s = shared(&f).await;
    // Anna's op, claiming to be an administrator named otherwise: hers, as a manager.
    let create = by(new_order(), s.anna, "Кто-то", Role::Admin);
    let r = f.push(&s.token, &[&create]).await;
    assert_eq!(outcome(&r, 0), &OpOutcome::Accepted { shop_seq: 1 });
    let page = f.pull(&s.token, 0).await;
    let actor = &page["ops"][0]["envelope"]["actor"];
    assert_eq!(actor["id"], s.anna.to_string());
    assert_eq!(actor["name"], ANNA);
    assert_eq!(actor["role"], "manager");
    // Petr is a picker however the desk dresses him up: a picker takes no orders.
    let r = f
        .push(&s.token, &[&by(new_order(), s.petr, "Пётр", Role::Admin)])
        .await;
    assert!(
        matches!(
            outcome(&r, 0),
            OpOutcome::Rejected {
                code: RejectCode::Forbidden,
                ..
            }
        ),
        "{r:?}"
    );
    // Nobody may act there who cannot sign in there: Olga (no PIN), a stranger, the old
    // «whoever» of a desk that does not know shared devices.
    for who in [s.olga, Uuid::now_v7()] {
        let r = f
            .push(&s.token, &[&by(new_order(), who, "Ольга", Role::Manager)])
            .await;
        match outcome(&r, 0) {
            OpOutcome::Rejected { code, message, .. } => {
                assert_eq!(*code, RejectCode::Forbidden);
                assert!(message.contains("shared device"), "{message}");
            }
            other => panic!("{who} acted at the shared device: {other:?}"),
        }
    }
    let r = f.push(&s.token, &[&new_order()]).await;
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::Forbidden,
            ..
        }
    ));
    // Once revoked, Anna's ops are refused there at once, whatever the PC still believes.
    admin::revoke_user(&f.pool, s.anna).await.expect("revoke");
    let r = f
        .push(&s.token, &[&by(new_order(), s.anna, "Анна", Role::Manager)])
        .await;
    assert!(matches!(
        outcome(&r, 0),
        OpOutcome::Rejected {
            code: RejectCode::Forbidden,
            ..
        }
    ));
    // A device of one user still acts as that user, whatever its ops claim.
    let r = f
        .push(
            &s.personal,
            &[&by(new_order(), s.petr, "Пётр", Role::Picker)],
        )
        .await;
    assert!(matches!(outcome(&r, 0), OpOutcome::Accepted { .. }));
    let page = f.pull(&s.personal, 1).await;
    assert_eq!(page["ops"][0]["envelope"]["actor"]["name"], "Ольга");
    f.finish().await;
}

#[tokio::test]
async fn only_a_shared_device_learns_its_members_and_a_named_member_must_be_one() {
    let f = Fixture::start("hub_shared_members", |_| {}).await;
    let s = shared(&f).await;
    let hello: Value = get(&f, "/v1/hello", &s.token, None)
        .await
        .json()
        .await
        .expect("hello");
    assert_eq!(hello["shared"], true);
    let hello: Value = get(&f, "/v1/hello", &s.personal, None)
        .await
        .json()
        .await
        .expect("hello");
    assert_eq!(hello["shared"], false);

    let res = get(&f, "/v1/members", &s.token, None).await;
    assert_eq!(res.status(), 200);
    let members: proto::sync::Members = res.json().await.expect("members");
    let names: Vec<&str> = members.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [ANNA, PETR],
        "Olga has no PIN; the device's own user neither"
    );
    for m in &members.members {
        assert!(m.pin_hash.starts_with("$argon2id$"), "{}", m.pin_hash);
        assert!(!m.pin_hash.contains("1234") && !m.pin_hash.contains("5678"));
    }
    // Olga's own PC has no one else to sign in: it is given nobody's hash.
    let res = get(&f, "/v1/members", &s.personal, None).await;
    assert_eq!(res.status(), 400);

    // The member a shared device names for its other requests (the channels screen) acts.
    let hello: Value = get(&f, "/v1/hello", &s.token, Some(s.anna))
        .await
        .json()
        .await
        .expect("hello");
    assert_eq!(hello["user_name"], ANNA);
    assert_eq!(hello["role"], "manager");
    for stranger in [s.olga, Uuid::now_v7()] {
        let res = get(&f, "/v1/hello", &s.token, Some(stranger)).await;
        assert_eq!(res.status(), 400, "{stranger} was let act");
    }
    // A revoked member is gone from the list at once.
    admin::revoke_user(&f.pool, s.petr).await.expect("revoke");
    let members: proto::sync::Members = get(&f, "/v1/members", &s.token, None)
        .await
        .json()
        .await
        .expect("members");
    assert_eq!(members.members.len(), 1);
    assert_eq!(members.members[0].name, ANNA);
    f.finish().await;
}
