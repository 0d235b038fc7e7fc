//! What the notification says. Pure, so the wording is tested without a desktop.

use std::collections::BTreeSet;

use proto::display::{duration, ru_plural, Lang};
use proto::{Alert, Role};

/// Orders named one by one; the rest are counted ("и ещё 7 заказов"), because notification
/// daemons cut long bodies and a wall of numbers is not read anyway.
pub const LISTED: usize = 5;

/// The summary and body of the one notification for `alerts`, or `None` when there is nothing
/// to say.
pub fn notification_for(alerts: &[Alert], lang: Lang) -> Option<(String, String)> {
    let first = alerts.first()?;
    let summary = summary(alerts.len(), &first.number, lang);
    let mut body: Vec<String> = if let [only] = alerts {
        vec![single_line(only, lang)]
    } else {
        alerts.iter().take(LISTED).map(|a| line(a, lang)).collect()
    };
    if alerts.len() > LISTED {
        body.push(more(alerts.len() - LISTED, lang));
    }
    body.push(responsible(alerts, lang));
    Some((summary, body.join("\n")))
}

fn summary(count: usize, first_number: &str, lang: Lang) -> String {
    let n = count as u64;
    match (lang, count) {
        (Lang::Ru, 1) => format!("Просрочен заказ №{first_number}"),
        (Lang::En, 1) => format!("Order №{first_number} is overdue"),
        _ => overdue_count(n, lang),
    }
}

/// «Просрочено 5 заказов», «5 orders are overdue»: the alert's summary for several orders and
/// the tray's count.
pub fn overdue_count(n: u64, lang: Lang) -> String {
    match lang {
        // "Просрочен 21 заказ" but "Просрочено 5 заказов": the verb agrees with the numeral.
        Lang::Ru => format!(
            "{} {n} {}",
            ru_plural(n, "Просрочен", "Просрочено", "Просрочено"),
            ru_plural(n, "заказ", "заказа", "заказов")
        ),
        Lang::En if n == 1 => "1 order is overdue".to_owned(),
        Lang::En => format!("{n} orders are overdue"),
    }
}

/// The alert's button (most daemons show the default action as a click on the whole alert).
/// Only the freedesktop daemons take actions from us.
#[cfg(any(test, all(unix, not(target_os = "macos"))))]
pub fn open_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Открыть заказ",
        Lang::En => "Open the order",
    }
}

/// The only order: its stage, how late it is and whose it is.
fn single_line(a: &Alert, lang: Lang) -> String {
    let late = duration(lang, a.overdue_ms);
    match lang {
        Lang::Ru => format!(
            "Этап «{}»: просрочен на {late}. Покупатель: {}.",
            a.stage_name, a.customer
        ),
        Lang::En => format!(
            "Stage “{}”: overdue by {late}. Customer: {}.",
            a.stage_name, a.customer
        ),
    }
}

fn line(a: &Alert, lang: Lang) -> String {
    let late = duration(lang, a.overdue_ms);
    match lang {
        Lang::Ru => format!("№{} — «{}», на {late}", a.number, a.stage_name),
        Lang::En => format!("№{} — “{}”, by {late}", a.number, a.stage_name),
    }
}

fn more(rest: usize, lang: Lang) -> String {
    let n = rest as u64;
    match lang {
        Lang::Ru => format!("и ещё {n} {}", ru_plural(n, "заказ", "заказа", "заказов")),
        Lang::En => format!("and {n} more"),
    }
}

/// Who the alert is for: the roles and people responsible for the stages, and always the
/// administrator, who answers for every stuck order.
fn responsible(alerts: &[Alert], lang: Lang) -> String {
    let mut roles: Vec<Role> = Vec::new();
    let mut users = BTreeSet::new();
    for a in alerts {
        for role in &a.responsible_roles {
            if *role != Role::Admin && !roles.contains(role) {
                roles.push(*role);
            }
        }
        users.extend(a.responsible_users.iter().map(String::as_str));
    }
    let mut names: Vec<&str> = roles.into_iter().map(|r| role_name(r, lang)).collect();
    names.extend(users);
    names.push(role_name(Role::Admin, lang));
    match lang {
        Lang::Ru => format!("Ответственные: {}.", names.join(", ")),
        Lang::En => format!("Responsible: {}.", names.join(", ")),
    }
}

fn role_name(role: Role, lang: Lang) -> &'static str {
    match (lang, role) {
        (Lang::Ru, Role::Admin) => "администратор",
        (Lang::Ru, Role::Manager) => "менеджер",
        (Lang::Ru, Role::Picker) => "комплектовщик",
        (Lang::Ru, Role::Dispatcher) => "диспетчер",
        (Lang::En, Role::Admin) => "administrator",
        (Lang::En, Role::Manager) => "manager",
        (Lang::En, Role::Picker) => "picker",
        (Lang::En, Role::Dispatcher) => "dispatcher",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60_000;

    fn alert(number: u32, stage: &str, roles: Vec<Role>) -> Alert {
        Alert {
            order_id: format!("id-{number}"),
            number: number.to_string(),
            customer: "Фёдорова Анна".into(),
            stage_id: stage.to_lowercase(),
            stage_name: stage.into(),
            deadline: 1_740_000_000_000,
            overdue_ms: 135 * MINUTE,
            responsible_roles: roles,
            responsible_users: Vec::new(),
        }
    }

    fn many(count: u32) -> Vec<Alert> {
        (0..count)
            .map(|i| alert(10_001 + i, "Звонок", vec![Role::Manager]))
            .collect()
    }

    #[test]
    fn nothing_overdue_means_no_notification() {
        assert_eq!(notification_for(&[], Lang::Ru), None);
    }

    #[test]
    fn one_order_names_its_number_stage_lateness_and_people() {
        let (summary, body) =
            notification_for(&[alert(10_042, "Звонок", vec![Role::Manager])], Lang::Ru)
                .expect("one alert gives a notification");
        assert_eq!(summary, "Просрочен заказ №10042");
        assert_eq!(
            body,
            "Этап «Звонок»: просрочен на 2 ч 15 мин. Покупатель: Фёдорова Анна.\n\
             Ответственные: менеджер, администратор."
        );
    }

    #[test]
    fn several_orders_are_listed_in_one_notification() {
        let alerts = vec![
            alert(10_001, "Звонок", vec![Role::Manager]),
            alert(10_002, "Сборка", vec![Role::Picker]),
            alert(10_003, "Доставка", vec![Role::Dispatcher, Role::Admin]),
        ];
        let (summary, body) = notification_for(&alerts, Lang::Ru).expect("three alerts");
        assert_eq!(summary, "Просрочено 3 заказа");
        assert_eq!(
            body,
            "№10001 — «Звонок», на 2 ч 15 мин\n\
             №10002 — «Сборка», на 2 ч 15 мин\n\
             №10003 — «Доставка», на 2 ч 15 мин\n\
             Ответственные: менеджер, комплектовщик, диспетчер, администратор."
        );
    }

    #[test]
    fn many_orders_list_five_and_count_the_rest() {
        let (summary, body) = notification_for(&many(12), Lang::Ru).expect("twelve alerts");
        assert_eq!(summary, "Просрочено 12 заказов");
        for n in 10_001..=10_005 {
            assert!(body.contains(&format!("№{n} ")), "{body}");
        }
        assert!(!body.contains("№10006"), "{body}");
        assert!(body.contains("\nи ещё 7 заказов\n"), "{body}");
    }

    #[test]
    fn plurals_agree_with_the_count() {
        for (count, summary, rest) in [
            (2, "Просрочено 2 заказа", None),
            (6, "Просрочено 6 заказов", Some("и ещё 1 заказ")),
            (7, "Просрочено 7 заказов", Some("и ещё 2 заказа")),
            (16, "Просрочено 16 заказов", Some("и ещё 11 заказов")),
            (21, "Просрочен 21 заказ", Some("и ещё 16 заказов")),
            (26, "Просрочено 26 заказов", Some("и ещё 21 заказ")),
            (104, "Просрочено 104 заказа", Some("и ещё 99 заказов")),
        ] {
            let (s, body) = notification_for(&many(count), Lang::Ru).expect("alerts");
            assert_eq!(s, summary);
            match rest {
                Some(rest) => assert!(body.contains(&format!("\n{rest}\n")), "{count}: {body}"),
                None => assert!(!body.contains("и ещё"), "{count}: {body}"),
            }
        }
    }

    #[test]
    fn named_people_are_listed_once_beside_roles() {
        let mut a = alert(10_001, "Звонок", vec![Role::Manager]);
        a.responsible_users = vec!["Ольга".into()];
        let mut b = alert(10_002, "Звонок", vec![Role::Manager]);
        b.responsible_users = vec!["Ольга".into()];
        let (_, body) = notification_for(&[a, b], Lang::Ru).expect("two alerts");
        assert!(
            body.ends_with("Ответственные: менеджер, Ольга, администратор."),
            "{body}"
        );
    }

    #[test]
    fn english_reads_naturally() {
        let (summary, body) = notification_for(&many(7), Lang::En).expect("seven alerts");
        assert_eq!(summary, "7 orders are overdue");
        assert!(body.contains("\nand 2 more\n"), "{body}");
        assert!(
            body.ends_with("Responsible: manager, administrator."),
            "{body}"
        );
    }
}
