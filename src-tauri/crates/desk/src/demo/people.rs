use domain::Customer;
use fastrand::Rng;

use super::id;

const MEN: &[&str] = &[
    "Александр",
    "Алексей",
    "Андрей",
    "Дмитрий",
    "Сергей",
    "Иван",
    "Михаил",
    "Никита",
    "Павел",
    "Егор",
    "Артём",
    "Максим",
    "Владимир",
    "Николай",
    "Олег",
    "Роман",
    "Константин",
    "Евгений",
    "Игорь",
    "Юрий",
    "Григорий",
    "Тимур",
    "Фёдор",
    "Кирилл",
];
const WOMEN: &[&str] = &[
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Наталья",
    "Екатерина",
    "Татьяна",
    "Ирина",
    "Светлана",
    "Юлия",
    "Анастасия",
    "Дарья",
    "Ксения",
    "Виктория",
    "Полина",
    "Марина",
    "Алина",
    "Вера",
    "Людмила",
    "Галина",
    "Софья",
    "Валентина",
];
/// Father's names as a patronymic for a man and for a woman.
const PATRONYMICS: &[(&str, &str)] = &[
    ("Александрович", "Александровна"),
    ("Алексеевич", "Алексеевна"),
    ("Андреевич", "Андреевна"),
    ("Дмитриевич", "Дмитриевна"),
    ("Сергеевич", "Сергеевна"),
    ("Иванович", "Ивановна"),
    ("Михайлович", "Михайловна"),
    ("Петрович", "Петровна"),
    ("Николаевич", "Николаевна"),
    ("Владимирович", "Владимировна"),
    ("Викторович", "Викторовна"),
    ("Юрьевич", "Юрьевна"),
    ("Олегович", "Олеговна"),
    ("Евгеньевич", "Евгеньевна"),
    ("Анатольевич", "Анатольевна"),
    ("Игоревич", "Игоревна"),
    ("Ильич", "Ильинична"),
    ("Никитич", "Никитична"),
];
/// Surnames in their masculine form; [`feminine`] derives the other. Public (hidden) so the
/// benchmark's million customers are named from the same list as the demo shop's.
pub const SURNAMES: &[&str] = &[
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
    "Романов",
    "Воробьёв",
    "Сергеев",
    "Кириллов",
    "Белов",
    "Ильин",
    "Карпов",
    "Вишневский",
    "Покровский",
    "Введенский",
    "Донской",
    "Шевченко",
    "Коваленко",
    "Ким",
    "Черных",
    "Мельник",
];
/// City, a postcode prefix, streets.
const CITIES: &[(&str, u32, &[&str])] = &[
    (
        "Москва",
        117,
        &[
            "ул. Профсоюзная",
            "Ленинский пр-т",
            "ул. Тверская",
            "ул. Мясницкая",
            "Кутузовский пр-т",
            "ул. Зорге",
            "Варшавское ш.",
            "ул. Вавилова",
        ],
    ),
    (
        "Москва",
        125,
        &[
            "Ленинградский пр-т",
            "ул. Свободы",
            "Волоколамское ш.",
            "ул. Народного Ополчения",
        ],
    ),
    (
        "Москва",
        129,
        &["пр-т Мира", "ул. Бориса Галушкина", "Ярославское ш."],
    ),
    (
        "Санкт-Петербург",
        196,
        &[
            "Московский пр-т",
            "ул. Звёздная",
            "Лиговский пр-т",
            "ул. Савушкина",
        ],
    ),
    (
        "Казань",
        420,
        &["ул. Баумана", "пр-т Победы", "ул. Чистопольская"],
    ),
    (
        "Екатеринбург",
        620,
        &["ул. Малышева", "ул. 8 Марта", "ул. Белинского"],
    ),
    (
        "Нижний Новгород",
        603,
        &["ул. Большая Покровская", "ул. Родионова"],
    ),
    (
        "Новосибирск",
        630,
        &["Красный пр-т", "ул. Ленина", "ул. Кирова"],
    ),
    ("Краснодар", 350, &["ул. Красная", "ул. Северная"]),
    ("Тверь", 170, &["ул. Советская", "Тверской пр-т"]),
    ("Тула", 300, &["пр-т Ленина", "ул. Оружейная"]),
];
const MAIL_DOMAINS: &[&str] = &[
    "mail.ru",
    "yandex.ru",
    "gmail.com",
    "bk.ru",
    "list.ru",
    "inbox.ru",
];
const OPERATOR_CODES: &[u32] = &[
    903, 905, 909, 915, 916, 917, 925, 926, 977, 985, 999, 912, 921, 960,
];

pub(super) struct Person {
    pub(super) customer: Customer,
    pub(super) address: String,
}

pub(super) fn people(rng: &mut Rng, count: usize, epoch_ms: i64) -> Vec<Person> {
    (0..count).map(|_| person(rng, epoch_ms)).collect()
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())]
}

fn person(rng: &mut Rng, epoch_ms: i64) -> Person {
    let woman = rng.bool();
    let surname = pick(rng, SURNAMES);
    let (first, patronymic, surname) = if woman {
        (
            pick(rng, WOMEN),
            pick(rng, PATRONYMICS).1,
            feminine(surname),
        )
    } else {
        (pick(rng, MEN), pick(rng, PATRONYMICS).0, surname.to_owned())
    };
    let email = (rng.u8(..10) < 6).then(|| {
        let year = rng.u32(70..=99);
        let login = match rng.u8(..3) {
            0 => format!("{}.{}", latin(first), latin(&surname)),
            1 => format!("{}{year}", latin(&surname)),
            _ => format!(
                "{}_{}",
                latin(first).chars().next().unwrap_or('a'),
                latin(&surname)
            ),
        };
        format!("{login}@{}", pick(rng, MAIL_DOMAINS))
    });
    let phone = format!("7{}{:07}", pick(rng, OPERATOR_CODES), rng.u32(..10_000_000));
    let (city, postcode, streets) = pick(rng, CITIES);
    let address = format!(
        "{postcode}{:03}, г. {city}, {}, д. {}, кв. {}",
        rng.u32(..100),
        pick(rng, streets),
        rng.u32(1..=120),
        rng.u32(1..=300)
    );
    Person {
        customer: Customer {
            id: id(rng, epoch_ms),
            name: format!("{surname} {first} {patronymic}"),
            phone,
            email,
        },
        address,
    }
}

/// The feminine form of a Russian surname: Иванов → Иванова, Вишневский → Вишневская,
/// Донской → Донская; Шевченко, Ким, Черных do not change.
fn feminine(surname: &str) -> String {
    if let Some(stem) = surname.strip_suffix("ий") {
        return format!("{stem}ая");
    }
    if let Some(stem) = surname.strip_suffix("ой") {
        return format!("{stem}ая");
    }
    if ["ов", "ев", "ёв", "ин", "ын"]
        .iter()
        .any(|s| surname.ends_with(s))
    {
        return format!("{surname}а");
    }
    surname.to_owned()
}

/// A plausible e-mail login from a Cyrillic name.
fn latin(text: &str) -> String {
    let mut out = String::new();
    for c in text.to_lowercase().chars() {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' => "e",
            'ё' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' => "i",
            'й' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "sch",
            'ы' => "y",
            'э' => "e",
            'ю' => "yu",
            'я' => "ya",
            _ => "",
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_agree_with_gender() {
        assert_eq!(feminine("Иванов"), "Иванова");
        assert_eq!(feminine("Соловьёв"), "Соловьёва");
        assert_eq!(feminine("Вишневский"), "Вишневская");
        assert_eq!(feminine("Донской"), "Донская");
        assert_eq!(feminine("Шевченко"), "Шевченко");
        assert_eq!(latin("Фёдорова"), "fedorova");
    }
}
