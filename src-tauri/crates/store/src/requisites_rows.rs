//! The shop's requisites: one row, replaced as a whole when the settings form is saved.

use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};

use crate::rows::ms;
use crate::StoreError;

/// Kept in `domain`, as the team hub carries it between PCs.
pub use domain::Requisites;

pub(crate) fn load(conn: &Connection) -> Result<Option<Requisites>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT name, inn, kpp, ogrn, address, phone, bank_name, bic, settlement_account, \
             corr_account, director, accountant, bank_name_qr FROM shop_requisites WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(Requisites {
                name: r.get(0)?,
                inn: r.get(1)?,
                kpp: r.get(2)?,
                ogrn: r.get(3)?,
                address: r.get(4)?,
                phone: r.get(5)?,
                bank_name: r.get(6)?,
                bic: r.get(7)?,
                settlement_account: r.get(8)?,
                corr_account: r.get(9)?,
                director: r.get(10)?,
                accountant: r.get(11)?,
                bank_name_qr: r.get(12)?,
            })
        })
        .optional()?)
}

pub(crate) fn save(conn: &Connection, r: &Requisites, now: Timestamp) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO shop_requisites (id, name, inn, kpp, ogrn, address, phone, bank_name, bic, \
         settlement_account, corr_account, director, accountant, updated_at, bank_name_qr) \
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) \
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, inn = excluded.inn, \
         kpp = excluded.kpp, ogrn = excluded.ogrn, address = excluded.address, \
         phone = excluded.phone, bank_name = excluded.bank_name, bic = excluded.bic, \
         settlement_account = excluded.settlement_account, \
         corr_account = excluded.corr_account, director = excluded.director, \
         accountant = excluded.accountant, updated_at = excluded.updated_at, \
         bank_name_qr = excluded.bank_name_qr",
    )?
    .execute(params![
        r.name,
        r.inn,
        r.kpp,
        r.ogrn,
        r.address,
        r.phone,
        r.bank_name,
        r.bic,
        r.settlement_account,
        r.corr_account,
        r.director,
        r.accountant,
        ms(now),
        r.bank_name_qr,
    ])?;
    Ok(())
}
