//! Any bytes given to the CommerceML parsers give a value or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = channels::cml::parse_catalog(data);
    let _ = channels::cml::parse_offers(data);
    let _ = channels::cml::parse_orders(data);
});
