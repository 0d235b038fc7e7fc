//! Codes of units of measure by ОК 015-94 (ОКЕИ), as a ТОРГ-12-like paper prints them beside
//! the unit's name.

/// The ОКЕИ code of `unit` as a shop writes it («шт», «кг», «уп.», «м²»); `None` for a unit
/// the classifier is not asked about here (the code cell is then left blank, never guessed).
pub fn okei_code(unit: &str) -> Option<&'static str> {
    let unit = unit.trim().trim_end_matches('.').to_lowercase();
    let code = match unit.replace('²', "2").replace('³', "3").as_str() {
        "шт" | "штука" | "штук" => "796",
        "кг" | "килограмм" => "166",
        "г" | "гр" | "грамм" => "163",
        "т" | "тонна" => "168",
        "м" | "метр" | "пог. м" | "п. м" => "006",
        "мм" => "003",
        "см" => "004",
        "м2" | "кв. м" | "кв.м" => "055",
        "м3" | "куб. м" | "куб.м" => "113",
        "л" | "литр" => "112",
        "мл" => "111",
        "компл" | "комплект" | "к-т" => "839",
        "упак" | "уп" | "упаковка" => "778",
        "пар" | "пара" => "715",
        "набор" => "704",
        "рул" | "рулон" => "736",
        "пач" | "пачка" => "728",
        "лист" => "625",
        _ => return None,
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::okei_code;

    #[test]
    fn the_catalogue_units_have_their_classifier_codes() {
        for (unit, code) in [
            ("шт", "796"),
            ("кг", "166"),
            ("м", "006"),
            ("л", "112"),
            ("компл", "839"),
            ("упак", "778"),
            ("уп", "778"),
            ("г", "163"),
            ("м2", "055"),
            ("м²", "055"),
            ("пар", "715"),
            (" Шт. ", "796"),
        ] {
            assert_eq!(okei_code(unit), Some(code), "{unit}");
        }
        assert_eq!(okei_code("усл"), None, "a service has no unit code");
        assert_eq!(okei_code("коробка"), None);
    }
}
