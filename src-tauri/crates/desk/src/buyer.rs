//! The order's buyer: set from the card, shown in the history, printed on the papers.

use domain::{Buyer, BuyerError, BuyerField, BuyerProblem, Company, Op, Order};
use jiff::Timestamp;

use crate::{parse_order_id, Desk, DeskError};

impl Desk {
    /// Bills the order to `company`, or to the customer as a private person (`None`). A
    /// company with a wrong field saves nothing and comes back with every field that failed,
    /// so the card marks them all at once.
    pub fn set_buyer(
        &self,
        order_id: &str,
        company: Option<proto::CompanyBuyer>,
        now: Timestamp,
    ) -> Result<proto::BuyerOutcome, DeskError> {
        let order_id = parse_order_id(order_id)?;
        let buyer = match company {
            None => Buyer::Person,
            Some(c) => {
                let company = from_proto(c).normalized();
                if let Err(errors) = company.validate() {
                    let errors = errors.iter().map(field_error).collect();
                    return Ok(proto::BuyerOutcome::Invalid { errors });
                }
                Buyer::Company(Box::new(company))
            }
        };
        let order = self.run(Op::SetBuyer { order_id, buyer }, now)?;
        Ok(proto::BuyerOutcome::Saved {
            order: Box::new(order),
        })
    }
}

fn from_proto(c: proto::CompanyBuyer) -> Company {
    Company {
        name: c.name,
        inn: c.inn,
        kpp: c.kpp,
        address: c.address,
        bank_name: c.bank_name,
        bic: c.bic,
        settlement_account: c.settlement_account,
        corr_account: c.corr_account,
    }
}

/// The card's view of the buyer; `None` for a private person.
pub(crate) fn view(buyer: &Buyer) -> Option<proto::CompanyBuyer> {
    buyer.company().map(company)
}

/// A company as the card and the customer card show it.
pub(crate) fn company(c: &domain::Company) -> proto::CompanyBuyer {
    proto::CompanyBuyer {
        name: c.name.clone(),
        inn: c.inn.clone(),
        kpp: c.kpp.clone(),
        address: c.address.clone(),
        bank_name: c.bank_name.clone(),
        bic: c.bic.clone(),
        settlement_account: c.settlement_account.clone(),
        corr_account: c.corr_account.clone(),
    }
}

pub(crate) fn field_error(e: &BuyerError) -> proto::BuyerFieldError {
    use proto::BuyerField as F;
    use proto::BuyerProblem as P;
    proto::BuyerFieldError {
        field: match e.field {
            BuyerField::Name => F::Name,
            BuyerField::Inn => F::Inn,
            BuyerField::Kpp => F::Kpp,
            BuyerField::Address => F::Address,
            BuyerField::BankName => F::BankName,
            BuyerField::Bic => F::Bic,
            BuyerField::SettlementAccount => F::SettlementAccount,
            BuyerField::CorrAccount => F::CorrAccount,
        },
        problem: match e.problem {
            BuyerProblem::Missing => P::Missing,
            BuyerProblem::Shape => P::Shape,
            BuyerProblem::CheckDigit => P::CheckDigit,
            BuyerProblem::AccountKey => P::AccountKey,
            BuyerProblem::TooLong => P::TooLong,
            BuyerProblem::NotForSoleTrader => P::NotForSoleTrader,
        },
    }
}

/// The papers' buyer: a company by its requisites; a person by name, with the delivery
/// address and phone as before.
pub(crate) fn party(order: &Order, phone: String) -> docs::Party {
    match order.buyer.company() {
        Some(c) => docs::Party {
            name: c.name.clone(),
            inn: c.inn.clone(),
            kpp: c.kpp.clone(),
            address: c.address.clone(),
            phone,
            bank_name: c.bank_name.clone(),
            bic: c.bic.clone(),
            settlement_account: c.settlement_account.clone(),
            corr_account: c.corr_account.clone(),
        },
        None => docs::Party {
            name: order.customer.name.clone(),
            address: order.address.clone(),
            phone,
            ..docs::Party::default()
        },
    }
}
