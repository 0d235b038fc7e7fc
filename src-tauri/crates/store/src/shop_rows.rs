//! The shop's settings: workflow (stages, responsibilities, transitions), tariffs, VAT.

use std::collections::BTreeMap;

use domain::{
    DeliveryMethod, DeliveryPayment, InputLimits, Kopecks, Offered, Responsible, Role, RouteRule,
    Shop, Stage, StageGuards, StageKind, Tariff, Tariffs, Transition, VatRate, Workflow,
};
use jiff::SignedDuration;
use rusqlite::{params, Connection};

use crate::meta::set_meta;
use crate::read::meta;
use crate::rows::{duration_ms, parse};
use crate::StoreError;

const SHOP_VAT: &str = "shop_vat";
/// Set once the template's tariffs, transitions and responsibilities were written, so a shop
/// that later deletes them all does not get them back.
const SHOP_DEFAULTS: &str = "shop_defaults";
/// Every stage's guards, one JSON map by stage id. Absent in a database from before guards:
/// its stages start with the seed guards of their ids ([`StageGuards::seed`]).
const STAGE_GUARDS: &str = "stage_guards";
/// The shop's [`InputLimits`] as JSON; absent: the defaults.
const INPUT_LIMITS: &str = "input_limits";
/// The methods a phone order may be taken with ([`Offered`]) as JSON; absent: every method.
const OFFERED: &str = "offered_methods";

pub(crate) fn shop(conn: &Connection) -> Result<Shop, StoreError> {
    let vat = match meta(conn, SHOP_VAT)? {
        Some(text) => parse(&text, "VAT rate", VatRate::parse)?,
        None => VatRate::Vat22,
    };
    let limits = limits(conn)?;
    Ok(Shop {
        workflow: workflow(conn)?,
        tariffs: tariffs(conn)?,
        vat,
        limits,
        offered: offered(conn)?,
    })
}

fn offered(conn: &Connection) -> Result<Offered, StoreError> {
    Ok(match meta(conn, OFFERED)? {
        Some(text) => serde_json::from_str(&text)?,
        None => Offered::default(),
    })
}

/// «Доставка и оплата» as the shop has it now.
pub(crate) fn delivery_payment(conn: &Connection) -> Result<DeliveryPayment, StoreError> {
    Ok(DeliveryPayment {
        tariffs: tariffs(conn)?,
        offered: offered(conn)?,
    })
}

/// Replaces the tariffs and the methods offered (validated by the caller).
pub(crate) fn save_delivery_payment(
    conn: &Connection,
    setting: &DeliveryPayment,
) -> Result<(), StoreError> {
    conn.execute("DELETE FROM delivery_tariffs", [])?;
    for t in &setting.tariffs.0 {
        conn.prepare_cached(
            "INSERT INTO delivery_tariffs (method, zone, cost, free_from) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            t.method.as_str(),
            t.zone,
            t.cost.0,
            t.free_from.map(|k| k.0)
        ])?;
    }
    set_meta(conn, OFFERED, &serde_json::to_string(&setting.offered)?)?;
    bump_settings(conn)
}

pub(crate) fn limits(conn: &Connection) -> Result<InputLimits, StoreError> {
    Ok(match meta(conn, INPUT_LIMITS)? {
        Some(text) => serde_json::from_str(&text)?,
        None => InputLimits::DEFAULT,
    })
}

pub(crate) fn save_limits(conn: &Connection, limits: &InputLimits) -> Result<(), StoreError> {
    set_meta(conn, INPUT_LIMITS, &serde_json::to_string(limits)?)?;
    bump_settings(conn)
}

fn guards(conn: &Connection) -> Result<Option<BTreeMap<String, StageGuards>>, StoreError> {
    meta(conn, STAGE_GUARDS)?
        .map(|text| serde_json::from_str(&text))
        .transpose()
        .map_err(StoreError::from)
}

fn save_guards(conn: &Connection, workflow: &Workflow) -> Result<(), StoreError> {
    let map: BTreeMap<&str, StageGuards> = workflow
        .stages()
        .iter()
        .chain(workflow.retired())
        .map(|s| (s.id.as_str(), s.guards))
        .collect();
    set_meta(conn, STAGE_GUARDS, &serde_json::to_string(&map)?)
}

pub(crate) fn workflow(conn: &Connection) -> Result<Workflow, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, position, kind, time_limit_ms, clock_paused, route_delivery, \
         route_payment, responsible_roles, responsible_users, removed_at FROM stages \
         ORDER BY position",
    )?;
    let mut rows = stmt.query([])?;
    let mut stages = Vec::new();
    let mut retired = Vec::new();
    let guards = guards(conn)?;
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let stage_guards = match &guards {
            Some(map) => map.get(&id).copied().unwrap_or_default(),
            None => StageGuards::seed(&id),
        };
        let removed: Option<i64> = row.get(10)?;
        let list = if removed.is_some() {
            &mut retired
        } else {
            &mut stages
        };
        let kind: String = row.get(3)?;
        let limit: Option<i64> = row.get(4)?;
        let delivery: Option<String> = row.get(6)?;
        let payment: Option<String> = row.get(7)?;
        list.push(Stage {
            id,
            name: row.get(1)?,
            position: row.get(2)?,
            kind: parse(&kind, "stage kind", StageKind::parse)?,
            time_limit: limit.map(SignedDuration::from_millis),
            clock_paused: row.get(5)?,
            route: RouteRule {
                delivery: delivery.as_deref().map(serde_json::from_str).transpose()?,
                payment: payment.as_deref().map(serde_json::from_str).transpose()?,
            },
            responsible: Responsible {
                roles: serde_json::from_str(&row.get::<_, String>(8)?)?,
                users: serde_json::from_str(&row.get::<_, String>(9)?)?,
            },
            guards: stage_guards,
        });
    }
    let mut stmt =
        conn.prepare_cached("SELECT role, from_stage, to_stage FROM stage_transitions")?;
    let mut rows = stmt.query([])?;
    let mut transitions = Vec::new();
    while let Some(row) = rows.next()? {
        transitions.push(Transition {
            role: parse(&row.get::<_, String>(0)?, "role", Role::parse)?,
            from: row.get(1)?,
            to: row.get(2)?,
        });
    }
    Ok(Workflow::new(stages)
        .with_transitions(transitions)
        .with_retired(retired))
}

fn tariffs(conn: &Connection) -> Result<Tariffs, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT method, zone, cost, free_from FROM delivery_tariffs")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(Tariff {
            method: parse(
                &row.get::<_, String>(0)?,
                "delivery method",
                DeliveryMethod::parse,
            )?,
            zone: row.get(1)?,
            cost: Kopecks(row.get(2)?),
            free_from: row.get::<_, Option<i64>>(3)?.map(Kopecks),
        });
    }
    Ok(Tariffs(out))
}

pub(crate) fn insert_workflow(conn: &Connection, workflow: &Workflow) -> Result<(), StoreError> {
    save_stages(conn, workflow)?;
    save_guards(conn, workflow)?;
    bump_settings(conn)
}

/// Writes every stage as it is in `workflow`: new ones are added, known ones updated, and
/// removed ones marked (once, keeping when they were removed).
pub(crate) fn save_workflow(
    conn: &Connection,
    workflow: &Workflow,
    at_ms: i64,
) -> Result<(), StoreError> {
    save_stages(conn, workflow)?;
    save_guards(conn, workflow)?;
    let mut retire = conn.prepare_cached(
        "UPDATE stages SET removed_at = ?2, position = ?3 WHERE id = ?1 AND removed_at IS NULL",
    )?;
    let mut place = conn.prepare_cached("UPDATE stages SET position = ?2 WHERE id = ?1")?;
    for s in workflow.retired() {
        if retire.execute(params![s.id, at_ms, s.position])? == 0 {
            place.execute(params![s.id, s.position])?;
        }
    }
    bump_settings(conn)
}

/// The settings changed: the writer reloads them before the next operation.
pub(crate) fn bump_settings(conn: &Connection) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES ('settings_rev', '1') ON CONFLICT (key) \
         DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
    )?
    .execute([])?;
    Ok(())
}

/// Which settings the shop has now; equal numbers mean equal settings.
pub(crate) fn settings_rev(conn: &Connection) -> Result<Option<String>, StoreError> {
    meta(conn, "settings_rev")
}

fn save_stages(conn: &Connection, workflow: &Workflow) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO stages (id, name, position, kind, time_limit_ms, clock_paused, \
         route_delivery, route_payment, responsible_roles, responsible_users) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, position = excluded.position, \
         kind = excluded.kind, time_limit_ms = excluded.time_limit_ms, \
         clock_paused = excluded.clock_paused, route_delivery = excluded.route_delivery, \
         route_payment = excluded.route_payment, \
         responsible_roles = excluded.responsible_roles, \
         responsible_users = excluded.responsible_users, removed_at = NULL",
    )?;
    for s in workflow.stages() {
        let delivery = s.route.delivery.as_ref().map(serde_json::to_string);
        let payment = s.route.payment.as_ref().map(serde_json::to_string);
        stmt.execute(params![
            s.id,
            s.name,
            s.position,
            s.kind.as_str(),
            s.time_limit.map(duration_ms),
            s.clock_paused,
            delivery.transpose()?,
            payment.transpose()?,
            serde_json::to_string(&s.responsible.roles)?,
            serde_json::to_string(&s.responsible.users)?,
        ])?;
    }
    Ok(())
}

/// Once per database: the template's transitions and tariffs, the default VAT, and the
/// template's responsibilities for stages that have none yet (databases from before roles).
pub(crate) fn write_defaults(conn: &Connection, template: &Shop) -> Result<(), StoreError> {
    if meta(conn, SHOP_DEFAULTS)?.is_some() {
        return Ok(());
    }
    for t in template.workflow.transitions() {
        conn.execute(
            "INSERT INTO stage_transitions (role, from_stage, to_stage) VALUES (?1, ?2, ?3)",
            params![t.role.as_str(), t.from, t.to],
        )?;
    }
    for t in &template.tariffs.0 {
        conn.execute(
            "INSERT INTO delivery_tariffs (method, zone, cost, free_from) VALUES (?1, ?2, ?3, ?4)",
            params![
                t.method.as_str(),
                t.zone,
                t.cost.0,
                t.free_from.map(|k| k.0)
            ],
        )?;
    }
    for s in template.workflow.stages() {
        conn.execute(
            "UPDATE stages SET responsible_roles = ?2 WHERE id = ?1 AND responsible_roles = '[]'",
            params![s.id, serde_json::to_string(&s.responsible.roles)?],
        )?;
    }
    set_meta(conn, SHOP_VAT, template.vat.as_str())?;
    set_meta(conn, SHOP_DEFAULTS, "1")?;
    bump_settings(conn)
}
