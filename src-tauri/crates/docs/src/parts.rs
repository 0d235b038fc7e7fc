//! Pieces several papers share: labelled party lines and signature rows.

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_LEFT};
use crate::font::Weight;
use crate::layout::{ascent, leading, Frame, MIN_SIZE};
use crate::requisites::Requisites;

const LABEL_W: f32 = 27.0;

/// The shop as one line: name, ИНН, КПП, address, phone.
pub fn shop_line(shop: &Requisites) -> String {
    let party = crate::model::Party {
        name: shop.name.clone(),
        inn: shop.inn.clone(),
        kpp: shop.kpp.clone(),
        address: shop.address.clone(),
        phone: shop.phone.clone(),
        ..Default::default()
    };
    party.one_line()
}

/// The title of a paper in bold and the thick rule under it, as 1C prints invoices and
/// waybills; returns the y of the first line below.
pub fn title_with_rule(c: &mut Canvas, y: f32, title: &str) -> f32 {
    c.text(MARGIN_LEFT, y, 14.0, Weight::Bold, Align::Left, title);
    let rule = y + 2.5;
    c.line(MARGIN_LEFT, rule, MARGIN_LEFT + CONTENT_W, rule, 1.5);
    rule + 6.0
}

/// The totals as 1C prints them: each label right-aligned at `label_x`, its value at the right
/// margin, in bold, `row` apart, below `y`; returns the y under the last one.
pub fn total_rows(
    c: &mut Canvas,
    y: f32,
    label_x: f32,
    row: f32,
    rows: impl IntoIterator<Item = (String, String)>,
) -> f32 {
    let right = MARGIN_LEFT + CONTENT_W;
    let mut y = y + 5.0;
    for (label, value) in rows {
        c.text(label_x, y, 9.5, Weight::Bold, Align::Right, &label);
        c.text(right, y, 9.5, Weight::Bold, Align::Right, &value);
        y += row;
    }
    y + 3.0
}

/// The sum in words in bold across the page and the thick rule that closes the totals;
/// returns the rule's y.
pub fn words_with_rule(c: &mut Canvas, y: f32, words: &str) -> f32 {
    let y = c.paragraph(MARGIN_LEFT, y, CONTENT_W, 10.0, Weight::Bold, 4.5, words) - 2.0;
    c.line(MARGIN_LEFT, y, MARGIN_LEFT + CONTENT_W, y, 1.5);
    y
}

/// A label in the left column and a bold wrapped value beside it; returns the next line's y.
pub fn labelled(c: &mut Canvas, y: f32, label: &str, value: &str) -> f32 {
    let mut label_y = y;
    for line in label.split('\n') {
        c.text(
            MARGIN_LEFT,
            label_y,
            9.0,
            Weight::Regular,
            Align::Left,
            line,
        );
        label_y += 3.8;
    }
    let value_x = MARGIN_LEFT + LABEL_W;
    let value_y = c.paragraph(
        value_x,
        y,
        CONTENT_W - LABEL_W,
        9.0,
        Weight::Bold,
        3.8,
        value,
    );
    value_y.max(label_y) + 2.0
}

/// A signature line: «Role ____________ /Name/» starting at `x`; returns the x after it.
/// Signatures stand in two columns, so the name stays within its half of the page: a long
/// one (a courier's full name) shrinks to the readable minimum and wraps to further lines
/// instead of running into the other column's role.
pub fn signature(c: &mut Canvas, x: f32, y: f32, role: &str, name: &str) -> f32 {
    const GAP: f32 = 3.0;
    c.text(x, y, 9.0, Weight::Bold, Align::Left, role);
    let line_x = x + c.width(9.0, Weight::Bold, role) + 2.0;
    c.line(line_x, y + 0.8, line_x + 32.0, y + 0.8, 0.5);
    let name = if name.is_empty() {
        "/              /".to_owned()
    } else {
        format!("/{name}/")
    };
    let middle = MARGIN_LEFT + CONTENT_W / 2.0;
    let column_end = if x < middle {
        middle + 5.0 - GAP
    } else {
        MARGIN_LEFT + CONTENT_W
    };
    let name_x = line_x + 33.0;
    // Up to three lines at the minimum: a double surname and a double first name.
    let frame = Frame::new(
        name_x,
        y - ascent(9.0),
        (column_end - name_x).max(0.0),
        3.0 * leading(MIN_SIZE),
    );
    if name.trim_matches(|ch| ch == '/' || ch == ' ').is_empty() {
        // The blank «/   /» for a name written by hand keeps its width; wrapping would close it.
        c.text(name_x, y, 9.0, Weight::Regular, Align::Left, &name);
    } else {
        c.text_box(frame, 9.0, Weight::Regular, &name);
    }
    c.text(
        line_x + 16.0,
        y + 3.3,
        6.0,
        Weight::Regular,
        Align::Center,
        "подпись",
    );
    line_x + 34.0 + c.width(9.0, Weight::Regular, &name)
}

/// A signature row of a primary document (402-ФЗ art. 9: position, signature, name):
/// «Role  position ____ | ________ | name ____» with the three captions under the lines.
/// Empty `position` and `name` leave lines for a pen.
pub fn signature_in_full(c: &mut Canvas, x: f32, y: f32, role: &str, position: &str, name: &str) {
    const ROLE_W: f32 = 44.0;
    let fields = [
        (position, 44.0, "должность"),
        ("", 34.0, "подпись"),
        (name, 50.0, "расшифровка подписи"),
    ];
    c.text(x, y, 9.0, Weight::Bold, Align::Left, role);
    let mut left = x + ROLE_W;
    for (value, width, caption) in fields {
        if !value.is_empty() {
            // On the line, shrunk to the minimum before it takes a second line above.
            let fitted = c.fit(9.0, Weight::Regular, value, width - 3.0, leading(9.0));
            let room = Frame::new(
                left + 1.0,
                y - ascent(9.0) - leading(MIN_SIZE),
                width - 3.0,
                leading(9.0) + leading(MIN_SIZE),
            );
            c.place_on_line(room, &fitted, value, y);
        }
        c.line(left, y + 0.8, left + width - 3.0, y + 0.8, 0.5);
        c.text(
            left + (width - 3.0) / 2.0,
            y + 3.3,
            6.0,
            Weight::Regular,
            Align::Center,
            caption,
        );
        left += width;
    }
}

/// The head and the accountant sign the invoice; a sole trader signs once as
/// «Предприниматель». Without an accountant the head signs for both, as the law allows.
pub fn signatures(c: &mut Canvas, shop: &Requisites, y: f32) {
    if crate::requisites::is_sole_trader(shop) {
        signature(c, MARGIN_LEFT, y, "Предприниматель", &shop.director);
        return;
    }
    signature(c, MARGIN_LEFT, y, "Руководитель", &shop.director);
    let accountant = if shop.accountant.is_empty() {
        &shop.director
    } else {
        &shop.accountant
    };
    signature(
        c,
        MARGIN_LEFT + CONTENT_W / 2.0 + 5.0,
        y,
        "Бухгалтер",
        accountant,
    );
}
