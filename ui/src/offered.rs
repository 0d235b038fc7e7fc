//! The shop's «Доставка и оплата» as the order forms need it: which methods a phone order may
//! be taken with and the tariffs' zones. Read again after every change, so a saved setting
//! reaches the forms at once; before the shop is open (or on a failure) every method shows.

use leptos::prelude::*;
use proto::{DeliveryMethod, DeliveryPaymentView, PaymentMethod};

use crate::app::Ctx;

#[derive(Clone, Copy)]
pub struct Offered(LocalResource<Option<DeliveryPaymentView>>);

impl Offered {
    pub fn provide(ctx: Ctx) {
        let setting = LocalResource::new(move || {
            ctx.revision.get();
            async { crate::api_admin::delivery_payment().await.ok() }
        });
        provide_context(Offered(setting));
    }

    fn with<T>(f: impl FnOnce(&DeliveryPaymentView) -> T) -> Option<T> {
        let Offered(setting) = use_context::<Offered>()?;
        setting.get().flatten().as_ref().map(f)
    }

    /// Shown in the order forms' list: offered, or the order's own method already.
    pub fn delivers(method: DeliveryMethod, current: DeliveryMethod) -> bool {
        method == current || Self::with(|s| s.delivery.contains(&method)).unwrap_or(true)
    }

    pub fn takes(method: PaymentMethod, current: PaymentMethod) -> bool {
        method == current || Self::with(|s| s.payment.contains(&method)).unwrap_or(true)
    }

    /// The zones the tariffs name for `method`, for the zone field's suggestions.
    pub fn zones(method: DeliveryMethod) -> Vec<String> {
        Self::with(|s| s.zones(method)).unwrap_or_default()
    }
}
