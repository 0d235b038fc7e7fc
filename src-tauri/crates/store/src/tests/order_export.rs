//! The orders export reads a period a page at a time: every order once, the earliest first,
//! also when several were created in the same millisecond across a page's edge; orders of
//! other days, stages or channels stay out.

use domain::Channel;

use super::{at, order};
use crate::{ExportFilter, Seed, Store};

#[test]
fn pages_give_every_order_of_the_period_once_across_equal_instants() {
    let dir = tempfile::tempdir().expect("dir");
    let store = Store::open(&dir.path().join("t.sqlite3")).expect("open");
    let same = at("2025-03-03T10:00:00Z");
    let mut orders = vec![
        order(1, "new", at("2025-03-02T23:59:59Z"), None),
        order(2, "new", at("2025-03-03T09:00:00Z"), None),
        order(3, "new", same, None),
        order(4, "new", same, None),
        order(5, "new", same, None),
        order(6, "done", at("2025-03-03T11:00:00Z"), None),
        order(7, "new", at("2025-03-03T12:00:00Z"), None),
        order(8, "new", at("2025-03-04T00:00:00Z"), None),
    ];
    for (i, o) in orders.iter_mut().enumerate() {
        o.lines[0].id = uuid::Uuid::from_u128(9000 + i as u128);
    }
    orders[6].channel = Channel::Site;
    let seed = Seed {
        products: vec![],
        customers: vec![orders[0].customer.clone()],
        orders,
    };
    assert!(store.seed_once("export", seed).expect("seed"));
    // Order 7 came from the site as «10301»: a team desk knows the number from the op alone.
    rusqlite::Connection::open(dir.path().join("t.sqlite3"))
        .expect("the file")
        .execute(
            "INSERT INTO order_channel_numbers (order_id, number, connection_name) \
             VALUES (?1, '10301', 'Сайт')",
            [uuid::Uuid::from_u128(1007).to_string()],
        )
        .expect("a channel's number");
    let day = |stage_id: Option<&str>, channel| ExportFilter {
        from: at("2025-03-03T00:00:00Z"),
        to: at("2025-03-04T00:00:00Z"),
        stage_id: stage_id.map(str::to_owned),
        channel,
    };
    let read = |filter: &ExportFilter| {
        let (mut numbers, mut after, mut pages) = (Vec::new(), None, 0);
        let mut site = Vec::new();
        loop {
            let page = store.export_page(filter, after, 2).expect("a page");
            pages += 1;
            for o in &page.orders {
                assert_eq!(o.order.lines.len(), 1, "with its lines");
                numbers.push(o.order.number);
                if !o.channel_numbers.is_empty() {
                    site.push((o.order.number, o.channel_numbers.clone()));
                }
            }
            match page.next {
                Some(next) => after = Some(next),
                None => break (numbers, pages, site),
            }
        }
    };
    assert_eq!(
        read(&day(None, None)),
        (vec![2, 3, 4, 5, 6, 7], 4, vec![(7, "10301".to_owned())])
    );
    assert_eq!(read(&day(Some("done"), None)).0, [6]);
    assert_eq!(read(&day(None, Some(Channel::Site))).0, [7]);
    assert_eq!(
        read(&day(Some("new"), Some(Channel::Phone))).0,
        [2, 3, 4, 5]
    );
}
