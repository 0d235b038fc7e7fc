//! Any JSON body taken as a WooCommerce order maps to an import item or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(order) = serde_json::from_slice::<channels::woo::model::WooOrder>(data) {
        let _ = channels::fuzzing::woo_import(&order);
    }
});
