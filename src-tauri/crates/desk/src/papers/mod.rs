//! Papers of an order: the shop's requisites, invoice numbers, rendering and printing.

mod doc_order;
mod printing;
mod waybill;

use std::collections::HashMap;

use domain::{Op, Order};
use jiff::civil::Date;
use jiff::Timestamp;
use store::NewOp;
use uuid::Uuid;

pub(crate) use printing::system_printing;
pub use printing::{PrintCommands, Printing};

use crate::{parse_order_id, Desk, DeskError};
pub(crate) use doc_order::{default_zone, local_date, DEFAULT_ZONE};
use doc_order::{doc_order, Audience};

impl Desk {
    /// The shop's requisites as the settings form shows them; `None` until entered.
    pub fn requisites(&self) -> Result<Option<proto::Requisites>, DeskError> {
        Ok(self.store.requisites()?.map(doc_order::to_proto))
    }

    /// Saves the requisites after checking them all (ИНН and ОГРН check digits, КПП shape,
    /// БИК, both accounts' keys against the БИК); every problem is listed in one error.
    pub fn set_requisites(
        &self,
        input: proto::Requisites,
        now: Timestamp,
    ) -> Result<proto::Requisites, DeskError> {
        let stored = doc_order::to_store(input);
        docs::requisites::validate(&doc_order::to_proto(stored.clone()))
            .map_err(DeskError::Requisites)?;
        self.writable()?;
        // An op like any user action, so the team's other PCs get the requisites too.
        self.store.record_shop_op(store::NewShopOp {
            id: uuid::Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            op: domain::ShopOp::SetRequisites {
                requisites: stored.clone(),
            },
        })?;
        self.nudge_sync();
        Ok(doc_order::to_proto(stored))
    }

    /// This PC's invoice number prefix («А» in «А-2026-0001»).
    pub fn invoice_prefix(&self) -> Result<String, DeskError> {
        Ok(self.store.invoice_prefix()?)
    }

    /// Gives this PC its invoice prefix; each PC of the shop needs its own (1–6 letters or
    /// digits), which is what keeps invoices numbered offline on two PCs apart.
    pub fn set_invoice_prefix(&self, prefix: &str) -> Result<(), DeskError> {
        let prefix = prefix.trim();
        if !store::valid_prefix(prefix) {
            return Err(proto::InputProblem::InvoicePrefix {
                prefix: prefix.to_owned(),
            }
            .into());
        }
        Ok(self.store.set_invoice_prefix(prefix)?)
    }

    /// The order's invoice number, issued at `now` if it has none yet.
    pub fn issue_invoice(&self, order_id: &str, now: Timestamp) -> Result<String, DeskError> {
        let id = parse_order_id(order_id)?;
        Ok(self.invoice_number(id, now)?.0)
    }

    /// The order's invoice number and date, issuing it dated today if it has none: a
    /// reprint is the same paper, with the number and the date it was issued with.
    fn invoice_number(&self, id: Uuid, now: Timestamp) -> Result<(String, Date), DeskError> {
        if let Some(known) = self.store.invoice(id)? {
            return Ok(self.invoice_dated(known));
        }
        self.writable()?;
        let today = local_date(now, &self.zone());
        let workflow = self.store.workflow()?;
        let op = NewOp {
            id: Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            op: Op::IssueInvoice {
                order_id: id,
                number: String::new(),
            },
        };
        let invoice = self
            .store
            .issue_invoice(op, today)
            .map_err(|e| DeskError::from_store(&workflow, e))?;
        self.nudge_sync();
        Ok(self.invoice_dated(invoice))
    }

    /// An invoice issued before dates were stored is dated by when it was issued.
    fn invoice_dated(&self, invoice: store::Invoice) -> (String, Date) {
        let date = invoice
            .issued_on
            .unwrap_or_else(|| local_date(invoice.issued_at, &self.zone()));
        (invoice.number, date)
    }

    /// One paper of one order as a PDF. An invoice gets its number the first time.
    pub fn document(
        &self,
        order_id: &str,
        kind: proto::DocKind,
        now: Timestamp,
    ) -> Result<Vec<u8>, DeskError> {
        self.documents(&[order_id.to_owned()], kind, now)
    }

    /// The same paper of many orders as one PDF (one print job), in the order given.
    pub fn documents(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        now: Timestamp,
    ) -> Result<Vec<u8>, DeskError> {
        self.paper(order_ids, kind, None, now)
    }

    /// [`Desk::documents`] with the courier a route sheet is made out to (today's date).
    pub fn paper(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        courier: Option<&str>,
        now: Timestamp,
    ) -> Result<Vec<u8>, DeskError> {
        if order_ids.is_empty() {
            return Err(proto::InputProblem::NoOrdersChosen.into());
        }
        let courier = courier.map(str::trim).filter(|c| !c.is_empty());
        if kind == proto::DocKind::RouteSheet && courier.is_none() {
            return Err(proto::InputProblem::NoCourier.into());
        }
        let released_by = self.released_by(courier);
        let orders = self.load_orders(order_ids)?;
        if kind == proto::DocKind::TransportWaybill {
            waybill::refuse_postal(&orders)?;
        }
        let shop = self.shop_requisites()?;
        let locations = self.locations()?;
        let zone = self.zone();
        let date = local_date(now, &zone);
        let audience = match kind {
            proto::DocKind::PickList => Audience::Warehouse,
            _ => Audience::Customer,
        };
        let mut mapped = Vec::with_capacity(orders.len());
        for order in &orders {
            // An invoice carries its own number and date; other papers the order's number and
            // today's date, and cite an invoice only if one was issued.
            let (number, paper_date, invoice) = match kind {
                proto::DocKind::Invoice => {
                    let (number, issued) = self.invoice_number(order.id, now)?;
                    (number, issued, None)
                }
                _ => {
                    let invoice = self.store.invoice(order.id)?.map(|i| self.invoice_dated(i));
                    let (number, dated) = match kind {
                        proto::DocKind::DeliveryNote | proto::DocKind::TransportWaybill => {
                            self.kept_paper_dated(order, kind, date, now)?
                        }
                        _ => (order.number.to_string(), date),
                    };
                    (number, dated, invoice)
                }
            };
            let mut doc = doc_order(order, number, paper_date, &zone, &locations, audience)?;
            doc.invoice = invoice;
            // An invoice carries its own number; «Основание» names the order it is for, so a
            // payment quoting either is matched to the order.
            if kind == proto::DocKind::Invoice {
                doc.basis = format!(
                    "Заказ № {} от {}",
                    order.number,
                    docs::money::format_date_short(doc.order_date)
                );
            }
            mapped.push(doc);
        }
        let pdf = match kind {
            proto::DocKind::Invoice => docs::invoice::invoices(&shop, &mapped),
            proto::DocKind::Pd4 => docs::pd4::pd4s(&shop, &mapped),
            proto::DocKind::DeliveryNote => {
                docs::delivery_note::delivery_notes(&shop, &mapped, released_by.as_ref())
            }
            proto::DocKind::PickList => docs::pick_list::pick_lists(&mapped),
            proto::DocKind::TransportWaybill => {
                let weights = self.weights()?;
                let note = proto::DocKind::DeliveryNote.code();
                let mut with_carriage = Vec::with_capacity(mapped.len());
                for (o, d) in orders.iter().zip(mapped) {
                    let issued = self.store.paper_dated(o.id, note)?;
                    let weight = waybill::gross_weight(o, &weights);
                    // The waybill's own number and date, kept when it was first made out.
                    let carriage = waybill::carriage(
                        o,
                        (d.number.clone(), d.date),
                        &shop,
                        issued.map(|p| (p.number, p.dated_on)),
                        weight,
                    );
                    with_carriage.push((d, carriage));
                }
                docs::transport_waybill::transport_waybills(&shop, &with_carriage)
            }
            // Made out for today, the orders in the order given: the order the courier drives.
            proto::DocKind::RouteSheet => {
                let courier = courier.unwrap_or_default();
                let sheet = docs::route_sheet::RouteSheet {
                    number: self.route_sheet_number(date, courier, now)?,
                    date,
                    courier: courier.to_owned(),
                    orders: mapped,
                };
                docs::route_sheet::route_sheet(&shop, &sheet)
            }
        }?;
        Ok(pdf)
    }

    /// The number and date of `order`'s товарная накладная or transport waybill: those it was
    /// first made with here, else the day another PC of the shop first printed it, else
    /// `today` (with the order's number), so a reprint is the same paper. A revoked, read-only
    /// desk still prints one without keeping it.
    fn kept_paper_dated(
        &self,
        order: &Order,
        kind: proto::DocKind,
        today: Date,
        now: Timestamp,
    ) -> Result<(String, Date), DeskError> {
        let made = match self.paper_as_it_would_be(order, kind, today)? {
            (Some(known), _) => known,
            (None, first) if self.writable().is_err() => first,
            (None, first) => self.store.paper_date(order.id, kind.code(), first, now)?,
        };
        Ok((made.number, made.dated_on))
    }

    /// The kept number and date of `order`'s paper of `kind` if it was made here, and what a
    /// first making would give it (the day another PC first printed it, else `today`); reads
    /// only, so the paper panel can ask before anything is made.
    pub(crate) fn paper_as_it_would_be(
        &self,
        order: &Order,
        kind: proto::DocKind,
        today: Date,
    ) -> Result<(Option<store::PaperDate>, store::PaperDate), DeskError> {
        let kind = kind.code();
        let known = self.store.paper_dated(order.id, kind)?;
        let printed = match known {
            Some(_) => None,
            None => self.store.first_printed(order.id, kind)?,
        };
        let first = store::PaperDate {
            number: order.number.to_string(),
            dated_on: printed.map_or(today, |at| local_date(at, &self.zone())),
        };
        Ok((known, first))
    }

    /// Who hands the goods over («Отпуск груза произвёл»): the courier the paper is made out
    /// to, else the person signed in at this desk, by the position their role stands for.
    /// Nobody known leaves it to the papers, which then name the head.
    fn released_by(&self, courier: Option<&str>) -> Option<docs::Signer> {
        if let Some(courier) = courier {
            return Some(docs::Signer {
                position: "Курьер".to_owned(),
                name: courier.to_owned(),
            });
        }
        let person = self.signed_in()?;
        let position = match person.role {
            domain::Role::Picker => "Кладовщик",
            domain::Role::Dispatcher => "Диспетчер",
            domain::Role::Manager => "Менеджер",
            domain::Role::Admin => "Администратор",
        };
        Some(docs::Signer {
            position: position.to_owned(),
            name: person.name,
        })
    }

    /// The number of `courier`'s route sheet for `day`: the one it was first made with, else
    /// the first of the numbers their name gives that no other courier of the day holds, kept
    /// from now on. A revoked, read-only desk prints the kept one or the name's first.
    fn route_sheet_number(
        &self,
        day: Date,
        courier: &str,
        now: Timestamp,
    ) -> Result<String, DeskError> {
        let key = docs::route_sheet::courier_key(courier);
        if self.writable().is_err() {
            let kept = self.store.route_sheet_numbered(day, key)?;
            return Ok(kept.unwrap_or_else(|| docs::route_sheet::sheet_number(day, courier)));
        }
        let candidates = docs::route_sheet::sheet_numbers(day, courier);
        self.store
            .route_sheet_number(day, key, courier.to_owned(), candidates, now)?
            .ok_or_else(|| {
                DeskError::Input(proto::InputProblem::RouteSheetNumbersTaken {
                    day: day.to_string(),
                })
            })
    }

    /// A courier's route sheet for `date` (`YYYY-MM-DD`): the orders in the order given,
    /// which is the order the courier drives them; its number is kept at `now` if new.
    pub fn route_sheet(
        &self,
        order_ids: &[String],
        courier: &str,
        date: &str,
        now: Timestamp,
    ) -> Result<Vec<u8>, DeskError> {
        let day: jiff::civil::Date = date.parse().map_err(|_| proto::InputProblem::Date {
            day: date.to_owned(),
        })?;
        if courier.trim().is_empty() {
            return Err(proto::InputProblem::NoCourier.into());
        }
        let orders = self.load_orders(order_ids)?;
        let shop = self.shop_requisites()?;
        let locations = self.locations()?;
        let mut mapped = Vec::with_capacity(orders.len());
        for order in &orders {
            let number = order.number.to_string();
            mapped.push(doc_order(
                order,
                number,
                day,
                &self.zone(),
                &locations,
                Audience::Customer,
            )?);
        }
        let courier = courier.trim();
        let sheet = docs::route_sheet::RouteSheet {
            number: self.route_sheet_number(day, courier, now)?,
            date: day,
            courier: courier.to_owned(),
            orders: mapped,
        };
        Ok(docs::route_sheet::route_sheet(&shop, &sheet)?)
    }

    fn load_orders(&self, order_ids: &[String]) -> Result<Vec<Order>, DeskError> {
        order_ids
            .iter()
            .map(|id| Ok(self.store.order(parse_order_id(id)?)?))
            .collect()
    }

    fn shop_requisites(&self) -> Result<docs::Requisites, DeskError> {
        self.store
            .requisites()?
            .map(doc_order::to_proto)
            .ok_or(DeskError::RequisitesMissing)
    }

    /// Storage cells by product, for the pick list's walking order.
    fn weights(&self) -> Result<HashMap<Uuid, Option<i64>>, DeskError> {
        Ok(self
            .store
            .products()?
            .into_iter()
            .map(|p| (p.id, p.weight_g))
            .collect())
    }

    fn locations(&self) -> Result<HashMap<Uuid, String>, DeskError> {
        Ok(self
            .store
            .products()?
            .into_iter()
            .map(|p| (p.id, p.location))
            .collect())
    }
}

#[cfg(test)]
mod tests;
