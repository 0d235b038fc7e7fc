//! The product picker's words and the lines not yet saved (issue 15, point 7).

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Placeholder,
    Hint,
    Nothing,
    Searching,
    InStock,
    NoStock,
    Barcode,
    NewLine,
    NotSaved,
    EstimateHint,
    RemoveNew,
}

pub fn word(lang: Lang, key: Pick) -> &'static str {
    use Pick::*;
    let (ru, en) = match key {
        Placeholder => (
            "Товар: название, артикул или штрихкод",
            "Product: name, SKU or barcode",
        ),
        Hint => (
            "↑/↓ — выбрать, Enter — добавить, Esc — закрыть",
            "↑/↓ to choose, Enter to add, Esc to close",
        ),
        Nothing => ("Ничего не найдено", "Nothing found"),
        Searching => ("Поиск…", "Searching…"),
        InStock => ("в наличии", "in stock"),
        NoStock => ("нет в наличии", "out of stock"),
        Barcode => ("штрихкод", "barcode"),
        NewLine => ("новая", "new"),
        NotSaved => (
            "не сохранено — итоги предварительные",
            "not saved: the totals are an estimate",
        ),
        EstimateHint => (
            "Посчитано здесь с несохранёнными строками; стоимость доставки пересчитается при сохранении",
            "Counted here with the unsaved lines; the delivery cost is re-priced on saving",
        ),
        RemoveNew => ("Убрать строку", "Remove the line"),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}
