//! The parsers against random bytes and mutated sample documents (the stable-toolchain
//! companion of the cargo-fuzz targets in `fuzz/`): every input gives a value or an error.

use proptest::prelude::*;

const SAMPLES: [&[u8]; 3] = [
    include_bytes!("data/cml/import.xml"),
    include_bytes!("data/cml/offers.xml"),
    include_bytes!("data/cml/orders.xml"),
];
const WOO: &str = include_str!("../fuzz/corpus/woo_order/sample-0.json");

fn all_cml(bytes: &[u8]) {
    let _ = channels::cml::parse_catalog(bytes);
    let _ = channels::cml::parse_offers(bytes);
    let _ = channels::cml::parse_orders(bytes);
}

/// A sample with some bytes overwritten, some cut and some duplicated.
fn mutated(sample: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = sample.to_vec();
    for (at, byte, kind) in edits {
        if out.is_empty() {
            break;
        }
        let i = at % out.len();
        match kind % 4 {
            0 => out[i] = *byte,
            1 => {
                out.remove(i);
            }
            2 => out.insert(i, *byte),
            _ => {
                let end = (i + usize::from(*byte)).min(out.len());
                let chunk = out[i..end].to_vec();
                out.splice(i..i, chunk);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn cml_parsers_survive_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2_000)) {
        all_cml(&bytes);
    }

    #[test]
    fn cml_parsers_survive_mutated_samples(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..12),
        cut in any::<usize>(),
    ) {
        let m = mutated(SAMPLES[which], &edits);
        all_cml(&m);
        all_cml(&m[..cut % (m.len() + 1)]);
    }

    #[test]
    fn woo_mapping_survives_mutated_orders(
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        let m = mutated(WOO.as_bytes(), &edits);
        if let Ok(order) = serde_json::from_slice::<channels::woo::model::WooOrder>(&m) {
            let item = channels::fuzzing::woo_import(&order);
            prop_assert_eq!(item.external_id, order.id.to_string());
        }
    }
}

#[test]
fn the_unmutated_samples_parse() {
    for s in SAMPLES {
        let ok = channels::cml::parse_catalog(s).is_ok()
            && channels::cml::parse_offers(s).is_ok()
            && channels::cml::parse_orders(s).is_ok();
        assert!(ok);
    }
    let order: channels::woo::model::WooOrder = serde_json::from_str(WOO).expect("sample order");
    assert!(channels::fuzzing::woo_import(&order).op.is_ok());
}
