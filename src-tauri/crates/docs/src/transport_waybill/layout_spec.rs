//! A waybill form as data: numbered sections of rows of cells, each cell a value over a
//! ruled line with the form's caption under it. A form edition is one table of these, so a
//! new edition is a new table rather than new drawing code.

/// What a cell holds: a value the desk knows, or a blank written in by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    WaybillDate,
    WaybillNumber,
    Shipper,
    Consignee,
    DeliveryAddress,
    Cargo,
    /// Number of places, marking, tare and packing.
    Packaging,
    Mass,
    /// Documents confirming the shipment: the товарная накладная, an issued invoice.
    ShipmentDocs,
    /// Route and delivery dates (the agreed delivery window).
    Schedule,
    Instructions,
    Carrier,
    Driver,
    Vehicle,
    Plate,
    LoadingAddress,
    LoadingMass,
    LoadingPlaces,
    UnloadAddress,
    UnloadPlanned,
    Cost,
    /// The «является экспедитором» box: ticked by hand.
    Checkbox,
    /// Always written by hand: times, remarks, names.
    Hand,
    /// A signature: a taller blank than [`Field::Hand`].
    Sign,
    /// The form leaves the place empty.
    Empty,
}

/// One cell: `span` twelfths of the row's width.
#[derive(Debug)]
pub struct Cell {
    pub field: Field,
    pub caption: &'static str,
    pub span: u8,
}

/// A numbered section: «8. Прием груза» and its rows.
#[derive(Debug)]
pub struct Section {
    /// «1», «1а», … «12»; empty for the head of the form.
    pub number: &'static str,
    pub title: &'static str,
    /// A second title over the right half («Заказ (заявка)» in the head).
    pub title_right: Option<&'static str>,
    pub rows: &'static [&'static [Cell]],
}

/// Shorthand for the tables.
pub const fn cell(field: Field, span: u8, caption: &'static str) -> Cell {
    Cell {
        field,
        caption,
        span,
    }
}
