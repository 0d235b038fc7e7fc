//! Lays a form out as the paper has it: each section a framed block under its numbered
//! title, each cell a value over a ruled line with the form's caption beneath. A blank value
//! leaves a line tall enough to write on. Rows grow with their text, so long names and
//! addresses wrap inside their cell; a section that does not fit continues on the next page
//! under its title marked «(продолжение)».

use super::fill::Values;
use super::forms::WaybillForm;
use super::layout_spec::{Cell, Field, Section};
use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::layout::{ascent, leading, Frame, Placed, MIN_SIZE};

const VALUE_SIZE: f32 = 9.0;
/// The form's captions are small print, but not below the readable minimum.
const CAPTION_SIZE: f32 = MIN_SIZE;
const TITLE_SIZE: f32 = 9.0;
const PAD: f32 = 1.5;
/// Height of a blank to write on by hand.
const HAND_H: f32 = 5.0;
/// Height of a blank to sign on.
const SIGN_H: f32 = 8.0;
/// Between a value's last line and its rule, and between the rule and the caption.
const RULE_GAP: f32 = 0.8;
const CHECKBOX: f32 = 3.5;
/// Leaves room for the page footer «… — Страница N из M».
const BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM - 2.0;

/// Text wrapped to `frame.w`, each line centred, recorded for the layout tests like
/// [`Canvas::text_box`]; returns the y below the last line.
fn centred_box(c: &mut Canvas, frame: Frame, size: f32, text: &str) -> f32 {
    let lines = c.wrap(size, Weight::Regular, text, frame.w);
    let lead = leading(size);
    let mut widest: f32 = 0.0;
    for (i, line) in lines.iter().enumerate() {
        let baseline = frame.y + ascent(size) + i as f32 * lead;
        let mid = frame.x + frame.w / 2.0;
        c.text(mid, baseline, size, Weight::Regular, Align::Center, line);
        widest = widest.max(c.width(size, Weight::Regular, line));
    }
    let used = lines.len() as f32 * lead;
    c.record(Placed {
        page: c.page_index(),
        frame,
        text: Frame::new(frame.x + (frame.w - widest) / 2.0, frame.y, widest, used),
        size,
        value: text.to_owned(),
    });
    frame.y + used
}

fn cell_width(cell: &Cell) -> f32 {
    CONTENT_W * f32::from(cell.span) / 12.0
}

fn inner_width(cell: &Cell) -> f32 {
    cell_width(cell) - 2.0 * PAD
}

/// Height of a cell's value over its rule: its lines, or a blank to write on.
fn value_height(c: &Canvas, cell: &Cell, value: &str) -> f32 {
    match cell.field {
        Field::Empty => 0.0,
        Field::Checkbox => CHECKBOX,
        Field::Sign => SIGN_H,
        _ if value.is_empty() => HAND_H,
        _ => {
            let lines = c
                .wrap(VALUE_SIZE, Weight::Regular, value, inner_width(cell))
                .len();
            (lines as f32 * leading(VALUE_SIZE)).max(HAND_H)
        }
    }
}

fn caption_height(c: &Canvas, cell: &Cell) -> f32 {
    match cell.field {
        Field::Empty | Field::Checkbox => 0.0,
        _ => {
            let lines = c.wrap(
                CAPTION_SIZE,
                Weight::Regular,
                cell.caption,
                inner_width(cell),
            );
            lines.len() as f32 * leading(CAPTION_SIZE)
        }
    }
}

/// A row's value area (the cells' rules are drawn level at its foot) and whole height.
fn row_heights(c: &Canvas, row: &[Cell], values: &Values) -> (f32, f32) {
    let value_h = row
        .iter()
        .map(|cell| value_height(c, cell, values.get(cell.field)))
        .fold(0.0, f32::max);
    let caption_h = row
        .iter()
        .map(|cell| caption_height(c, cell))
        .fold(0.0, f32::max);
    let gaps = if caption_h > 0.0 { 2.0 * RULE_GAP } else { 0.0 };
    (value_h, value_h + gaps + caption_h + 2.0 * PAD)
}

/// Draws `cell` in its row at (`x`, `y`): the value area is `value_h` tall, the row `row_h`.
fn draw_cell(
    c: &mut Canvas,
    (x, y): (f32, f32),
    (value_h, row_h): (f32, f32),
    cell: &Cell,
    value: &str,
) {
    let w = inner_width(cell);
    let bottom = y + row_h - PAD;
    let (x, y) = (x + PAD, y + PAD);
    match cell.field {
        Field::Empty => {}
        Field::Checkbox => {
            c.frame(x, y, CHECKBOX, CHECKBOX, 0.5);
            let label = Frame::new(x + CHECKBOX + 1.5, y, w - CHECKBOX - 1.5, CHECKBOX);
            c.text_box(label, CAPTION_SIZE, Weight::Regular, cell.caption);
        }
        _ => {
            if !value.is_empty() {
                c.text_box(
                    Frame::new(x, y, w, value_h),
                    VALUE_SIZE,
                    Weight::Regular,
                    value,
                );
            }
            let rule = y + value_h + RULE_GAP;
            c.line(x, rule, x + w, rule, 0.4);
            // The caption's box is the rest of the cell down to the row's bottom.
            let top = rule + RULE_GAP;
            centred_box(
                c,
                Frame::new(x, top, w, bottom - top),
                CAPTION_SIZE,
                cell.caption,
            );
        }
    }
}

/// The numbered title band; returns its height.
fn title_height(c: &Canvas, section: &Section, continued: bool) -> f32 {
    let title = title_text(section, continued);
    let w = title_width(section);
    c.wrap(TITLE_SIZE, Weight::Bold, &title, w).len() as f32 * leading(TITLE_SIZE) + 2.0 * PAD
}

fn title_text(section: &Section, continued: bool) -> String {
    let mut title = if section.number.is_empty() {
        section.title.to_owned()
    } else {
        format!("{}. {}", section.number, section.title)
    };
    if continued {
        title.push_str(" (продолжение)");
    }
    title
}

fn title_width(section: &Section) -> f32 {
    let full = CONTENT_W - 2.0 * PAD;
    if section.title_right.is_some() {
        full / 2.0 - PAD
    } else {
        full
    }
}

fn draw_title(c: &mut Canvas, y: f32, section: &Section, continued: bool) -> f32 {
    let h = title_height(c, section, continued);
    let title = title_text(section, continued);
    let w = title_width(section);
    let frame = Frame::new(MARGIN_LEFT + PAD, y + PAD, w, h - 2.0 * PAD);
    c.text_box(frame, TITLE_SIZE, Weight::Bold, &title);
    if let Some(right) = section.title_right {
        let x = MARGIN_LEFT + CONTENT_W / 2.0 + PAD;
        c.text_box(
            Frame::new(x, y + PAD, w, h - 2.0 * PAD),
            TITLE_SIZE,
            Weight::Bold,
            right,
        );
    }
    c.line(MARGIN_LEFT, y + h, MARGIN_LEFT + CONTENT_W, y + h, 0.5);
    h
}

/// Draws the form from `y`; returns the y below it.
pub fn draw_form(c: &mut Canvas, form: &WaybillForm, values: &Values, mut y: f32) -> f32 {
    for section in form.sections {
        // A section starts on a new page when it would fit there whole but not here, or
        // when not even its first row fits here; a longer one continues over the break.
        let rows: Vec<f32> = section
            .rows
            .iter()
            .map(|r| row_heights(c, r, values).1)
            .collect();
        let head = title_height(c, section, false);
        let whole = head + rows.iter().sum::<f32>();
        let fits_a_page = MARGIN_TOP + whole <= BOTTOM;
        let first_row = rows.first().copied().unwrap_or(0.0);
        if (fits_a_page && y + whole > BOTTOM) || y + head + first_row > BOTTOM {
            c.new_page();
            y = MARGIN_TOP;
        }
        let mut top = y;
        y += draw_title(c, y, section, false);
        for row in section.rows {
            let (value_h, h) = row_heights(c, row, values);
            if y + h > BOTTOM {
                c.frame(MARGIN_LEFT, top, CONTENT_W, y - top, 0.6);
                c.new_page();
                top = MARGIN_TOP;
                y = top + draw_title(c, top, section, true);
            }
            let mut x = MARGIN_LEFT;
            for (i, cell) in row.iter().enumerate() {
                if i > 0 {
                    c.line(x, y, x, y + h, 0.4);
                }
                draw_cell(c, (x, y), (value_h, h), cell, values.get(cell.field));
                x += cell_width(cell);
            }
            y += h;
        }
        c.frame(MARGIN_LEFT, top, CONTENT_W, y - top, 0.6);
    }
    y
}
