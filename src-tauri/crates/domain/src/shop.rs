use serde::{Deserialize, Serialize};

use crate::input::InputLimits;
use crate::methods::VatRate;
use crate::pricing::{Offered, Tariffs};
use crate::workflow::Workflow;

/// A shop's settings that operations are validated and priced against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shop {
    pub workflow: Workflow,
    pub tariffs: Tariffs,
    /// The default VAT rate; a product may override it.
    pub vat: VatRate,
    /// Bounds of a line's quantity and amount. Default: a shop stored or synced before they
    /// existed gets [`InputLimits::DEFAULT`].
    #[serde(default)]
    pub limits: InputLimits,
    /// The methods a phone order may be taken with. Default: a shop stored or synced before
    /// the setting offers every method.
    #[serde(default)]
    pub offered: Offered,
}

impl Shop {
    /// A new shop: the default workflow and tariffs, standard 22 % VAT (from 2026).
    pub fn default_template() -> Shop {
        Shop {
            workflow: Workflow::default_template(),
            tariffs: Tariffs::default_template(),
            vat: VatRate::Vat22,
            limits: InputLimits::DEFAULT,
            offered: Offered::default(),
        }
    }
}
