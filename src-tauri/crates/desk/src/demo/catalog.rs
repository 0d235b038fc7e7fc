use domain::{Kopecks, Product, Quantity};
use fastrand::Rng;

use super::id;

/// SKU, name, unit, price in whole rubles.
const ITEMS: &[(&str, &str, &str, i64)] = &[
    (
        "SM-A55-128",
        "Смартфон Samsung Galaxy A55 8/128 ГБ",
        "шт",
        34_990,
    ),
    (
        "XM-RN13-256",
        "Смартфон Xiaomi Redmi Note 13 8/256 ГБ",
        "шт",
        21_990,
    ),
    (
        "APL-AIRPODS-PRO2",
        "Наушники Apple AirPods Pro 2",
        "шт",
        22_990,
    ),
    ("JBL-T520BT", "Наушники JBL Tune 520BT", "шт", 4_490),
    ("JBL-FLIP6", "Портативная колонка JBL Flip 6", "шт", 10_990),
    (
        "YND-LITE2",
        "Умная колонка Яндекс Станция Лайт 2",
        "шт",
        5_990,
    ),
    (
        "LOG-MX3S",
        "Мышь беспроводная Logitech MX Master 3S",
        "шт",
        9_990,
    ),
    ("LOG-K380", "Клавиатура Logitech K380", "шт", 4_290),
    (
        "ANK-PB20K",
        "Внешний аккумулятор Anker 20000 мА·ч",
        "шт",
        3_990,
    ),
    (
        "BAS-GAN65",
        "Зарядное устройство Baseus GaN 65 Вт",
        "шт",
        2_790,
    ),
    ("UGR-USBC-2M", "Кабель UGREEN USB-C — USB-C, 2 м", "шт", 890),
    (
        "SND-MSD-128",
        "Карта памяти SanDisk Extreme microSDXC 128 ГБ",
        "шт",
        1_690,
    ),
    (
        "KNG-NV2-1TB",
        "SSD-накопитель Kingston NV2 1 ТБ",
        "шт",
        6_490,
    ),
    ("TPL-AX23", "Wi-Fi роутер TP-Link Archer AX23", "шт", 4_590),
    ("XM-TVA43", "Телевизор Xiaomi TV A 43\"", "шт", 27_990),
    ("HDMI-21-2M", "Кабель HDMI 2.1, 2 м", "шт", 790),
    ("UTP-CAT5E", "Кабель витая пара UTP Cat5e", "м", 35),
    ("PHL-HD9252", "Аэрогриль Philips HD9252/90", "шт", 9_990),
    ("RMD-RMC-M90", "Мультиварка Redmond RMC-M90", "шт", 6_490),
    ("BSH-MUM5", "Кухонная машина Bosch MUM5", "шт", 19_990),
    (
        "TFL-KO2708",
        "Чайник электрический Tefal Express KO2708",
        "шт",
        2_990,
    ),
    ("PLR-PMG2580", "Мясорубка Polaris PMG 2580", "шт", 5_990),
    (
        "DLG-EC685",
        "Кофеварка рожковая De'Longhi Dedica EC685",
        "шт",
        24_990,
    ),
    ("DRM-V10", "Беспроводной пылесос Dreame V10", "шт", 15_990),
    ("RBR-Q7MAX", "Робот-пылесос Roborock Q7 Max", "шт", 29_990),
    ("PHL-GC2678", "Утюг Philips GC2678/30", "шт", 4_990),
    ("RWT-CV5830", "Фен Rowenta CV5830", "шт", 3_490),
    (
        "BRN-S5-51",
        "Электробритва Braun Series 5 51-B1000s",
        "шт",
        7_990,
    ),
    (
        "ORB-PRO3",
        "Электрическая зубная щётка Oral-B Pro 3",
        "шт",
        4_990,
    ),
    (
        "TFL-UNL-28",
        "Сковорода Tefal Unlimited, 28 см",
        "шт",
        3_290,
    ),
    (
        "KUK-SET6",
        "Набор кастрюль Kukmara, 6 предметов",
        "шт",
        5_690,
    ),
    (
        "XM-LAMP1S",
        "Настольная лампа Xiaomi Mi LED Desk Lamp 1S",
        "шт",
        3_590,
    ),
    (
        "PHL-LED9-4",
        "Лампа светодиодная Philips 9 Вт E27, 4 шт.",
        "уп",
        690,
    ),
    ("PLD-150200", "Плед флисовый 150×200 см", "шт", 1_490),
    ("TWL-70140", "Полотенце махровое 70×140 см", "шт", 890),
    (
        "ASK-PIL5070",
        "Подушка Askona Comfort 50×70 см",
        "шт",
        2_490,
    ),
    ("RMD-RS736", "Весы кухонные Redmond RS-736", "шт", 1_190),
    (
        "PWC-5S-3M",
        "Сетевой фильтр Power Cube, 5 розеток, 3 м",
        "шт",
        1_290,
    ),
    ("DRC-AA-8", "Батарейки Duracell AA, 8 шт.", "уп", 790),
    ("AQF-GRATIS", "Фильтр-кувшин Аквафор Гратис", "шт", 990),
    (
        "CNT-SET5",
        "Набор контейнеров для хранения, 5 шт.",
        "уп",
        1_190,
    ),
];

pub(super) fn products(rng: &mut Rng, epoch_ms: i64) -> Vec<Product> {
    ITEMS
        .iter()
        .map(|&(sku, name, unit, price)| {
            let stock = if unit == "м" {
                Quantity::units(rng.i64(100..=1000))
            } else {
                Quantity::units(rng.i64(0..=60))
            };
            Product {
                id: id(rng, epoch_ms),
                sku: sku.to_owned(),
                name: name.to_owned(),
                unit: unit.to_owned(),
                price: Kopecks::rubles(price),
                // The shop's default rate: an electronics store sells at the standard rate.
                vat: None,
                location: format!(
                    "{}-{:02}-{}",
                    rng.choice(['A', 'B', 'C', 'D']).unwrap_or('A'),
                    rng.u8(1..=24),
                    rng.u8(1..=5)
                ),
                stock,
                barcode: String::new(),
                weight_g: None,
                archived: false,
            }
        })
        .collect()
}
