use uuid::Uuid;

use super::*;
use crate::methods::VatRate;
use crate::pricing::Discount;

fn line(unit: &str, quantity: i64, price: i64) -> Line {
    Line {
        id: Uuid::from_u128(1),
        product_id: None,
        sku: "RT-1".into(),
        name: "Роутер".into(),
        unit: unit.into(),
        quantity: Quantity(quantity),
        price: Kopecks(price),
        vat: VatRate::Vat22,
        discount: Discount::None,
    }
}

#[test]
fn pieces_are_whole_and_weights_may_be_fractional() {
    let limits = InputLimits::DEFAULT;
    for unit in ["шт", "шт.", " ШТ ", "упак", "компл", "пара"] {
        assert_eq!(
            limits.check_quantity(unit, Quantity(1500)),
            Err(InputError::FractionalPieces {
                unit: unit.trim().to_owned()
            }),
            "{unit}"
        );
        assert_eq!(limits.check_quantity(unit, Quantity(2000)), Ok(()));
    }
    for unit in ["кг", "м", "л", "м2"] {
        assert_eq!(
            limits.check_quantity(unit, Quantity(1500)),
            Ok(()),
            "{unit}"
        );
        assert_eq!(limits.check_quantity(unit, Quantity(1)), Ok(()), "{unit}");
    }
    assert_eq!(
        limits.check_quantity("шт", Quantity(0)),
        Err(InputError::QuantityNotPositive)
    );
    assert_eq!(
        limits.check_quantity("кг", Quantity(-1)),
        Err(InputError::QuantityNotPositive)
    );
}

#[test]
fn a_quantity_at_the_bound_is_taken_and_one_above_is_refused() {
    let limits = InputLimits::DEFAULT;
    let max = limits.max_quantity;
    assert_eq!(max, Quantity::units(100_000));
    assert_eq!(limits.check_quantity("шт", max), Ok(()));
    assert_eq!(
        limits.check_quantity("шт", Quantity(max.0 + 1000)),
        Err(InputError::QuantityTooLarge { max })
    );
    // In a fractional unit, one thousandth above is already above.
    assert_eq!(
        limits.check_quantity("кг", Quantity(max.0 + 1)),
        Err(InputError::QuantityTooLarge { max })
    );
}

#[test]
fn a_line_amount_at_the_bound_is_taken_and_one_kopeck_above_is_refused() {
    let limits = InputLimits::DEFAULT;
    let max = limits.max_line_amount;
    assert_eq!(max, Kopecks::rubles(100_000_000));
    assert_eq!(limits.check_line(&line("шт", 1000, max.0)), Ok(()));
    assert_eq!(
        limits.check_line(&line("шт", 1000, max.0 + 1)),
        Err(InputError::LineAmountTooLarge { max })
    );
    assert_eq!(limits.check_bounds(&line("шт", 1000, max.0)), Ok(()));
    assert_eq!(
        limits.check_bounds(&line("шт", 1000, max.0 + 1)),
        Err(InputError::LineAmountTooLarge { max })
    );
    // An amount that overflows is above every bound, not a crash.
    assert_eq!(
        limits.check_line(&line("шт", 1000, i64::MAX)),
        Err(InputError::LineAmountTooLarge { max })
    );
}

#[test]
fn a_billion_routers_were_accepted() {
    // 1 000 000 000 routers at 4 590 ₽: 4,59 трлн ₽.
    let routers = line("шт", 1_000_000_000 * 1000, 459_000);
    let limits = InputLimits::DEFAULT;
    assert!(matches!(
        limits.check_line(&routers),
        Err(InputError::QuantityTooLarge { .. })
    ));
    assert!(matches!(
        limits.check_bounds(&routers),
        Err(InputError::QuantityTooLarge { .. })
    ));
}

#[test]
fn the_bounds_are_the_shops_own() {
    let tight = InputLimits {
        max_quantity: Quantity::units(10),
        max_line_amount: Kopecks::rubles(50_000),
    };
    assert_eq!(tight.validated(), Ok(tight));
    assert_eq!(tight.check_line(&line("шт", 10_000, 100)), Ok(()));
    assert!(tight.check_line(&line("шт", 11_000, 100)).is_err());
    assert!(tight.check_line(&line("шт", 1000, 5_000_001)).is_err());
    for bad in [
        InputLimits {
            max_quantity: Quantity(999),
            ..InputLimits::DEFAULT
        },
        InputLimits {
            max_line_amount: Kopecks(99),
            ..InputLimits::DEFAULT
        },
        InputLimits {
            max_line_amount: Kopecks(i64::MAX),
            ..InputLimits::DEFAULT
        },
    ] {
        assert_eq!(bad.validated(), Err(InputError::BadLimits));
    }
    // A shop stored before the bounds gets the defaults.
    let old: InputLimits = serde_json::from_str("{}").expect("defaults");
    assert_eq!(old, InputLimits::DEFAULT);
}

#[test]
fn an_email_like_alena_at_nothing_was_accepted() {
    for bad in [
        "alena@",
        "@mail.ru",
        "alena",
        "alena@mail",
        "alena@mail.",
        "alena@.ru",
        "alena@mail.r",
        "alena @mail.ru",
        "alena@mail@ru.ru",
        "alena@mail.123",
        "",
    ] {
        assert_eq!(check_email(bad), Err(InputError::BadEmail), "{bad:?}");
    }
    for good in [
        "alena@mail.ru",
        " alena.smirnova+shop@yandex.ru ",
        "a@b.co",
        "заказ@магазин.рф",
    ] {
        assert_eq!(check_email(good), Ok(good.trim().to_owned()), "{good:?}");
    }
}

#[test]
fn phones_are_russian_numbers_in_any_spelling() {
    for good in [
        "+7 (916) 123-45-67",
        "8 916 123 45 67",
        "9161234567",
        "79161234567",
    ] {
        assert_eq!(check_phone(good), Ok("79161234567".to_owned()), "{good}");
    }
    for bad in [
        "",
        "123",
        "+7 916 123 45 6",
        "7916123456789",
        "916-ABC-4567",
        "1161234567",
    ] {
        assert_eq!(check_phone(bad), Err(InputError::BadPhone), "{bad}");
    }
}

#[test]
fn a_door_delivery_needs_an_address() {
    use DeliveryMethod::*;
    assert_eq!(
        check_address(Courier, " "),
        Err(InputError::AddressRequired)
    );
    assert_eq!(check_address(Post, ""), Err(InputError::AddressRequired));
    assert_eq!(check_address(Courier, "Тверская, 1"), Ok(()));
    assert_eq!(check_address(Pickup, ""), Ok(()));
    assert_eq!(check_address(MarketplaceLogistics, ""), Ok(()));
}

#[test]
fn every_refusal_names_its_field() {
    assert_eq!(InputError::BadEmail.field().as_str(), "email");
    assert_eq!(InputError::BadPhone.field().as_str(), "phone");
    assert_eq!(InputError::AddressRequired.field().as_str(), "address");
    assert_eq!(
        InputError::FractionalPieces {
            unit: "шт".into()
        }
        .field(),
        InputField::Quantity
    );
    assert_eq!(
        InputError::LineAmountTooLarge { max: Kopecks(1) }.field(),
        InputField::Amount
    );
}
