//! Printed paperwork of a Russian online shop as PDF, and printing it through the OS.
//!
//! The crate takes plain input structs ([`DocOrder`], and the settings form's [`Requisites`]),
//! so the desk maps its orders into them and nothing here depends on the domain or the store. Money is
//! integer kopecks throughout; floats appear only as millimetres on the page.
//!
//! ```
//! assert_eq!(
//!     docs::words::amount_in_words(123_456),
//!     "Одна тысяча двести тридцать четыре рубля 56 копеек"
//! );
//! ```

mod canvas;
pub mod delivery_note;
mod font;
pub mod invoice;
mod layout;
#[cfg(test)]
mod layout_tests;
mod marks;
pub mod model;
pub mod money;
pub mod okei;
mod parts;
pub mod pd4;
pub mod pick_list;
pub mod preview;
pub mod print;
pub mod qr_payload;
pub mod requisites;
pub mod route_sheet;
mod table;
pub mod transport_waybill;
pub mod words;

pub use model::{DocLine, DocOrder, Party, Signer, VatRate};
pub use qr_payload::{qr_payload, QrPayment};
pub use requisites::Requisites;

/// Why a document could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocError {
    #[error("Шрифт документов: {0}")]
    Font(String),
    #[error(transparent)]
    QrPayload(#[from] qr_payload::QrPayloadError),
    #[error("QR-код оплаты не строится: {0}")]
    QrEncode(String),
    #[error("Штрихкод заказа «{number}» не строится: {reason}")]
    Barcode { number: String, reason: String },
}
