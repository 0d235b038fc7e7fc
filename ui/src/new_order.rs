//! A phone order: customer, delivery, payment and items; it is created as a draft (version 1).

use leptos::prelude::*;
use proto::display::parse_quantity;
use proto::display::rules::{self, RuleCode, RuleRefusal};
use proto::{
    CommandError, DeliveryChange, DeliveryMethod, NewLine, NewOrder, PaymentMethod, ProductView,
};

use crate::api;
use crate::app::Ctx;
use crate::card::{delivery_methods_select, payment_methods_select, zone_choices};
use crate::format;
use crate::i18n::{t, Key};
use crate::picker::ProductPicker;

/// The goods of the form's lines, (price, quantity) each, as the desk will price them.
fn goods(lines: &[(i64, i64)]) -> i64 {
    let priced: Vec<_> = lines
        .iter()
        .map(|&(price, quantity)| proto::display::estimate::PricedLine {
            price,
            quantity,
            discount: proto::Discount::None,
        })
        .collect();
    proto::display::estimate::totals(&priced, proto::Discount::None, 0).subtotal
}

/// What the form holds, kept on this PC until the order is created or thrown away: closing
/// the form (Esc, another order, a restart) loses nothing.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Draft {
    customer: String,
    phone: String,
    email: String,
    delivery: DeliveryMethod,
    zone: String,
    address: String,
    payment: PaymentMethod,
    comment: String,
    /// (product id, name, quantity in thousandths)
    lines: Vec<(String, String, i64)>,
    /// The products of `lines` as picked (unit, price, stock), for the form's amounts.
    #[serde(default)]
    picked: Vec<ProductView>,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            customer: String::new(),
            phone: String::new(),
            email: String::new(),
            delivery: DeliveryMethod::Courier,
            zone: String::new(),
            address: String::new(),
            payment: PaymentMethod::CashOnDelivery,
            comment: String::new(),
            lines: Vec::new(),
            picked: Vec::new(),
        }
    }
}

const DRAFT: &str = "new_order";

#[component]
pub fn NewOrderForm() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let kept: Draft = crate::drafts::load_named(DRAFT).unwrap_or_default();
    let customer = RwSignal::new(kept.customer);
    let phone = RwSignal::new(kept.phone);
    let email = RwSignal::new(kept.email);
    let delivery = RwSignal::new(kept.delivery);
    let zone = RwSignal::new(kept.zone);
    let address = RwSignal::new(kept.address);
    let payment = RwSignal::new(kept.payment);
    let comment = RwSignal::new(kept.comment);
    let lines = RwSignal::new(kept.lines);
    let picked = RwSignal::new(kept.picked);
    let draft = move || Draft {
        customer: customer.get(),
        phone: phone.get(),
        email: email.get(),
        delivery: delivery.get(),
        zone: zone.get(),
        address: address.get(),
        payment: payment.get(),
        comment: comment.get(),
        lines: lines.get(),
        picked: picked.get(),
    };
    Effect::new(move |_| {
        let d = draft();
        crate::drafts::keep_named(DRAFT, &d, d == Draft::default());
    });
    // A call link for a number no order has: the caller's phone, unless one is typed already.
    Effect::new(move |_| {
        if let Some(caller) = ctx.caller.get() {
            if phone.get_untracked().trim().is_empty() {
                phone.set(caller);
            }
            ctx.caller.set(None);
        }
    });
    let busy = RwSignal::new(false);
    // What is wrong with each field, shown beside it (the domain's checks, mirrored for
    // feedback as one types, and the desk's refusal naming the field).
    let errors = Errors::default();
    // What is missing, or what the desk refused naming no field, is said beside «Создать».
    let said = RwSignal::new(None::<String>);

    // A picked product is a line of one unit at once; picked again, one more.
    let on_pick = Callback::new(move |p: ProductView| {
        errors.product.set(None);
        lines.update(|l| match l.iter_mut().find(|(id, _, _)| *id == p.id) {
            Some(line) => line.2 = line.2.saturating_add(1000),
            None => l.push((p.id.clone(), p.name.clone(), 1000)),
        });
        picked.update(|l| {
            l.retain(|k| k.id != p.id);
            l.push(p);
        });
    });
    let on_nothing = Callback::new(move |()| {
        errors.product.set(Some(
            RuleRefusal::new(RuleCode::NoProduct, &[]).at("product"),
        ));
    });
    let set_qty = move |i: usize, text: String| {
        let unit = lines.with_untracked(|l| {
            l.get(i).and_then(|(id, _, _)| {
                picked.with_untracked(|p| p.iter().find(|k| k.id == *id).map(|k| k.unit.clone()))
            })
        });
        let q = parse_quantity(&text);
        match rules::quantity_refusal(unit.as_deref().unwrap_or_default(), q) {
            Some(refusal) => errors.quantity.set(Some(refusal)),
            None => {
                errors.quantity.set(None);
                lines.update(|l| {
                    if let (Some(line), Some(q)) = (l.get_mut(i), q) {
                        line.2 = q;
                    }
                });
            }
        }
    };
    let create = move |_| {
        let order = NewOrder {
            customer: customer.get_untracked().trim().to_owned(),
            phone: phone.get_untracked(),
            email: Some(email.get_untracked()).filter(|e| !e.trim().is_empty()),
            delivery: DeliveryChange {
                method: delivery.get_untracked(),
                zone: Some(zone.get_untracked()).filter(|z| !z.trim().is_empty()),
                address: address.get_untracked(),
                window_from: None,
                window_to: None,
            },
            payment: payment.get_untracked(),
            lines: lines
                .get_untracked()
                .into_iter()
                .map(|(product_id, _, quantity)| NewLine {
                    product_id,
                    quantity,
                })
                .collect(),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        if order.lines.is_empty() {
            errors.product.set(Some(
                RuleRefusal::new(RuleCode::NoProduct, &[]).at("product"),
            ));
        }
        if order.customer.is_empty() || order.phone.trim().is_empty() || order.lines.is_empty() {
            said.set(Some(t(lang, Key::NeedCustomerAndPhone).to_owned()));
            return;
        }
        if errors.check_contacts(&order) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::create_order(order).await {
                Ok(detail) => {
                    crate::drafts::forget(DRAFT);
                    ctx.creating.set(false);
                    ctx.order.set(Some(detail.id));
                    ctx.changed();
                }
                Err(err) => {
                    if !errors.show(&err) {
                        said.set(Some(crate::i18n::error_text(lang, &err)));
                    }
                }
            }
            busy.set(false);
        });
    };
    let field = |key: Key, id: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{t(lang, key)}</label>
            <input id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    // A field with its message below it; the message goes once the field is edited.
    let checked = move |key: Key,
                        id: &'static str,
                        value: RwSignal<String>,
                        error: RwSignal<Option<RuleRefusal>>| {
        view! {
            <label for=id>{t(lang, key)}</label>
            <input id=id class:invalid=move || error.with(Option::is_some) prop:value=move || value.get()
                on:input=move |ev| { value.set(event_target_value(&ev)); error.set(None); }/>
            {crate::rules::note(lang, error, error_id(id))}
        }
    };
    view! {
        <aside class="card" id="new-order-form">
            <header><h2>{t(lang, Key::NewOrder)}</h2></header>
            <div class="form-grid">
                <crate::customers::CustomerPick customer=customer phone=phone email=email address=address/>
                {field(Key::Customer, "new-customer", customer)}
                {checked(Key::Phone, "new-phone", phone, errors.phone)}
                {checked(Key::Email, "new-email", email, errors.email)}
                <label>{t(lang, Key::Delivery)}</label>
                {delivery_methods_select(lang, delivery, "new-delivery")}
                <label for="new-zone">{t(lang, Key::Zone)}</label>
                <input id="new-zone" list="new-zones" prop:value=move || zone.get()
                    on:input=move |ev| zone.set(event_target_value(&ev))/>
                {zone_choices("new-zones", delivery)}
                {checked(Key::Address, "new-address", address, errors.address)}
                <label>{t(lang, Key::Payment)}</label>
                {payment_methods_select(lang, payment, "new-payment")}
                {field(Key::Comment, "new-comment", comment)}
            </div>
            <h3>{t(lang, Key::Lines)}</h3>
            <ul class="new-lines" id="new-lines">
                {move || lines.get().into_iter().enumerate().map(|(i, (id, name, q))| {
                    let product = picked.with(|p| p.iter().find(|k| k.id == id).cloned());
                    let unit = product.as_ref().map(|p| p.unit.clone()).unwrap_or_default();
                    let money = product.as_ref().map(|p| {
                        let amount = goods(&[(p.price, q)]);
                        format!("× {} = {}", format::money(p.price), format::money(amount))
                    });
                    view! {
                        <li class="new-line" data-product=id>
                            <span class="new-line-name">{name}</span>
                            <span class="new-line-qty">
                                <input class="qty" value=format::quantity(q)
                                    class:invalid=move || errors.quantity.with(Option::is_some)
                                    on:change=move |ev| set_qty(i, event_target_value(&ev))/>
                                " "{unit}
                            </span>
                            <span class="num new-line-amount">{money}</span>
                            <button class="icon" on:click=move |_| { errors.quantity.set(None); lines.update(|l| { if i < l.len() { l.remove(i); } }); }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {move || {
                let priced: Vec<(i64, i64)> = lines.with(|l| picked.with(|p| l.iter().filter_map(|(id, _, q)| {
                    p.iter().find(|k| k.id == *id).map(|k| (k.price, *q))
                }).collect()));
                (!priced.is_empty()).then(|| view! {
                    <p class="new-goods" id="new-goods">{t(lang, Key::Subtotal)}": "{format::money(goods(&priced))}</p>
                })
            }}
            <div class="add-line">
                <ProductPicker id="new-product" lang=lang on_pick=on_pick on_nothing=on_nothing
                    invalid=Signal::derive(move || errors.product.with(Option::is_some))/>
            </div>
            {crate::rules::note(lang, errors.product, "new-product-error")}
            {crate::rules::note(lang, errors.quantity, "new-qty-error")}
            <div class="actions">
                <button class="primary" id="create-draft" disabled=move || busy.get() on:click=create>{t(lang, Key::CreateDraft)}</button>
                {crate::card::said_note(said, "create-draft")}
                <button id="discard-new-order" on:click=move |_| {
                    // Closing keeps the draft; «Отмена» throws it away, after asking if
                    // anything was typed.
                    if draft_untracked(customer, phone, lines) {
                        let (q, yes, no) = (t(lang, Key::DiscardNewOrder).into(), t(lang, Key::DeleteIt).into(), t(lang, Key::Back).into());
                        leptos::task::spawn_local_scoped(async move {
                            if crate::dialog::confirm(q, yes, no).await {
                                crate::drafts::forget(DRAFT);
                                ctx.creating.set(false);
                            }
                        });
                    } else {
                        crate::drafts::forget(DRAFT);
                        ctx.creating.set(false);
                    }
                }>{t(lang, Key::Cancel)}</button>
            </div>
        </aside>
    }
}

/// Whether the form holds anything a manager typed (the methods alone are not work).
fn draft_untracked(
    customer: RwSignal<String>,
    phone: RwSignal<String>,
    lines: RwSignal<Vec<(String, String, i64)>>,
) -> bool {
    !customer.with_untracked(|c| c.trim().is_empty())
        || !phone.with_untracked(|p| p.trim().is_empty())
        || !lines.with_untracked(Vec::is_empty)
}

/// The form's fields that can be refused, each with its message.
#[derive(Clone, Copy)]
struct Errors {
    phone: RwSignal<Option<RuleRefusal>>,
    email: RwSignal<Option<RuleRefusal>>,
    address: RwSignal<Option<RuleRefusal>>,
    product: RwSignal<Option<RuleRefusal>>,
    quantity: RwSignal<Option<RuleRefusal>>,
}

impl Default for Errors {
    fn default() -> Errors {
        Errors {
            phone: RwSignal::new(None),
            email: RwSignal::new(None),
            address: RwSignal::new(None),
            product: RwSignal::new(None),
            quantity: RwSignal::new(None),
        }
    }
}

impl Errors {
    /// The domain's shapes, mirrored so a typo is shown before the order is sent; `true`
    /// when something is wrong.
    fn check_contacts(self, order: &NewOrder) -> bool {
        let refuse = |code| Some(RuleRefusal::new(code, &[]));
        self.phone.set(
            (!rules::phone_ok(&order.phone))
                .then(|| refuse(RuleCode::BadPhone))
                .flatten(),
        );
        let bad_email = order.email.as_deref().is_some_and(|e| !rules::email_ok(e));
        self.email
            .set(bad_email.then(|| refuse(RuleCode::BadEmail)).flatten());
        let door = matches!(
            order.delivery.method,
            DeliveryMethod::Courier | DeliveryMethod::Post
        );
        let no_address = door && order.delivery.address.trim().is_empty();
        self.address.set(
            no_address
                .then(|| refuse(RuleCode::AddressRequired))
                .flatten(),
        );
        [self.phone, self.email, self.address]
            .iter()
            .any(|e| e.with_untracked(Option::is_some))
    }

    /// Puts the desk's refusal beside the field it names; `false` if it names none here.
    fn show(self, err: &CommandError) -> bool {
        let fields = [
            ("phone", self.phone),
            ("email", self.email),
            ("address", self.address),
            ("quantity", self.quantity),
            ("amount", self.quantity),
        ];
        for (name, signal) in fields {
            if let Some(refusal) = crate::rules::for_field(err, name) {
                signal.set(Some(refusal));
                return true;
            }
        }
        false
    }
}

fn error_id(field_id: &'static str) -> &'static str {
    match field_id {
        "new-phone" => "new-phone-error",
        "new-email" => "new-email-error",
        _ => "new-address-error",
    }
}
