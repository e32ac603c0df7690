//! The payer columns of a session row: the form it was opened with, the payer's details and
//! answers, and the quantity that makes its amount; written together, read back checked.

use shared::money::FiatAmount;
use shared::payer::{CustomFieldValue, Customer, Payer, PayerForm, quantity};

use crate::checkout::row::{Session, SessionRow};

impl SessionRow {
    /// The form the session was opened with.
    pub fn form(&self) -> Result<PayerForm, String> {
        PayerForm::from_json(Some(&self.payer_form))
            .map_err(|e| format!("session {}: {e}", self.id))
    }

    /// The price of one: `unit_amount`, or `amount` for sessions opened before it existed.
    pub fn unit(&self) -> Result<FiatAmount, String> {
        let total = self.fiat()?;
        match &self.unit_amount {
            None => Ok(total),
            Some(text) => FiatAmount::parse(text, total.currency())
                .map_err(|_| format!("session {} has unit_amount {text:?}", self.id)),
        }
    }

    /// What the session holds of its payer. `customer_email` is the email (a merchant's or
    /// a prefill, before or without the rest of the details).
    pub fn payer(&self) -> Result<Payer, String> {
        let bad =
            |what: &str, e: serde_json::Error| format!("session {} has a bad {what}: {e}", self.id);
        let mut customer: Customer = match &self.customer {
            Some(text) => serde_json::from_str(text).map_err(|e| bad("customer", e))?,
            None => Customer::default(),
        };
        customer.email = self.customer_email.clone();
        let custom_fields: Vec<CustomFieldValue> = match &self.custom_fields {
            Some(text) => serde_json::from_str(text).map_err(|e| bad("custom_fields", e))?,
            None => Vec::new(),
        };
        let quantity = u32::try_from(self.quantity)
            .map_err(|_| format!("session {} has quantity {}", self.id, self.quantity))?;
        Ok(Payer {
            customer,
            custom_fields,
            quantity,
        })
    }

    /// Holds `payer`, whose quantity makes the session charge `fiat`.
    pub fn hold(&mut self, payer: &Payer, fiat: FiatAmount) {
        let details = Customer {
            email: None,
            ..payer.customer.clone()
        };
        self.customer = (!details.is_empty())
            .then(|| serde_json::to_string(&payer.customer).unwrap_or_default());
        self.customer_email = payer.customer.email.clone();
        self.custom_fields = (!payer.custom_fields.is_empty())
            .then(|| serde_json::to_string(&payer.custom_fields).unwrap_or_default());
        self.quantity = i64::from(payer.quantity);
        self.amount = fiat.to_string();
    }
}

impl Session {
    /// The quantity and amount the session charges: those of the quote that settled it (a
    /// payment to an earlier quote pays that quote's quantity), else the session's own.
    pub fn charged(&self) -> Result<(u32, String), String> {
        let own = || {
            let q = u32::try_from(self.row.quantity).map_err(|_| {
                format!("session {} has quantity {}", self.row.id, self.row.quantity)
            })?;
            Ok::<_, String>((q, self.row.amount.clone()))
        };
        let Some(index) = self.settled_by()? else {
            return own();
        };
        let settled = u32::try_from(self.quotes[index].quantity).map_err(|_| {
            format!(
                "quote {} has quantity {}",
                self.quotes[index].id, self.quotes[index].quantity
            )
        })?;
        if i64::from(settled) == self.row.quantity {
            return own();
        }
        let amount = quantity::total(self.row.unit()?, settled)
            .map_err(|e| format!("session {} at quantity {settled}: {e}", self.row.id))?;
        Ok((settled, amount.to_string()))
    }
}

#[cfg(test)]
#[path = "payer_row_tests.rs"]
mod tests;
