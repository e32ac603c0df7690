//! `LinkRow`: a `payment_links` row, built from a validated `NewLink` and shown as a `PaymentLink`.

use serde::{Deserialize, Serialize};
use shared::api::links::{CustomAmount, NewLink, PaymentLink};
use shared::link::pricing::CustomBounds;
use shared::link::{LinkStatus, Metadata, Pricing, StatusInputs};
use shared::money::{Asset, Currency, FiatAmount};
use shared::payer::PayerForm;
use shared::slug::Slug;

/// One row, column for column (see `link_query::COLUMNS`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRow {
    pub id: String,
    pub merchant_id: String,
    pub livemode: i64,
    pub slug: String,
    pub title: String,
    pub description: Option<String>,
    pub kind: String,
    pub amount: Option<String>,
    pub currency: String,
    pub custom_minimum: Option<String>,
    pub custom_maximum: Option<String>,
    pub custom_preset: Option<String>,
    pub assets: String,
    pub chain: String,
    pub max_payments: Option<u32>,
    pub payments_count: u32,
    /// Read through [`stored_timestamp`]: a row written before timestamps were bounded may
    /// hold any number, and must still read (see `shared::bounds::stored_timestamp`).
    #[serde(deserialize_with = "stored_timestamp")]
    pub expires_at: Option<i64>,
    pub active: i64,
    pub inactive_message: Option<String>,
    pub success_url: Option<String>,
    pub cancel_url: Option<String>,
    pub metadata: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub archived_at: Option<i64>,
    /// `shared::payer::PayerForm` JSON; links cached before it existed read as the empty form.
    #[serde(default = "empty_form")]
    pub payer_form: String,
}

/// A nullable timestamp column, read as any JS number (D1 hands over no others) and brought
/// into the accepted range, so one out-of-range row cannot fail every list that shows it. For
/// `#[serde(deserialize_with = …)]` on any row struct that reads `payment_links.expires_at`.
pub fn stored_timestamp<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(Option::<f64>::deserialize(d)?.map(shared::bounds::stored_timestamp))
}

fn empty_form() -> String {
    "{}".to_owned()
}

impl LinkRow {
    pub fn new(
        id: String,
        merchant_id: &str,
        livemode: bool,
        slug: &Slug,
        link: &NewLink,
        now: i64,
    ) -> Self {
        Self::build(id, merchant_id, livemode, slug.to_string(), link, now)
    }

    fn build(
        id: String,
        merchant_id: &str,
        livemode: bool,
        slug: String,
        link: &NewLink,
        now: i64,
    ) -> Self {
        let text = |amount: Option<FiatAmount>| amount.map(|a| a.to_string());
        let (amount, minimum, maximum, preset) = match link.pricing {
            Pricing::Fixed(amount) => (Some(amount.to_string()), None, None, None),
            Pricing::Custom(b) => (None, text(b.minimum), text(b.maximum), text(b.preset)),
        };
        Self {
            id,
            merchant_id: merchant_id.to_owned(),
            livemode: i64::from(livemode),
            slug,
            title: link.title.clone(),
            description: link.description.clone(),
            kind: link.pricing.kind().to_owned(),
            amount,
            currency: link.pricing.currency().code().to_owned(),
            custom_minimum: minimum,
            custom_maximum: maximum,
            custom_preset: preset,
            assets: link
                .assets
                .iter()
                .map(|a| a.symbol())
                .collect::<Vec<_>>()
                .join(","),
            chain: link.chain.name().to_owned(),
            max_payments: link.max_payments,
            payments_count: 0,
            expires_at: link.expires_at,
            active: i64::from(link.active),
            inactive_message: link.inactive_message.clone(),
            success_url: link.success_url.as_ref().map(|u| u.as_str().to_owned()),
            cancel_url: link.cancel_url.as_ref().map(|u| u.as_str().to_owned()),
            metadata: link.metadata.to_json(),
            created_at: now,
            updated_at: now,
            archived_at: None,
            payer_form: link.form.to_json(),
        }
    }

    /// How the link is priced, read back from its columns.
    pub fn pricing(&self) -> Result<Pricing, String> {
        let bad = |what: &str| format!("link {} has a bad {what}", self.id);
        let currency = Currency::parse(&self.currency).map_err(|_| bad("currency"))?;
        let amount = |column: &str, text: &Option<String>| {
            text.as_deref()
                .map(|t| FiatAmount::parse(t, currency).map_err(|_| bad(column)))
                .transpose()
        };
        match self.kind.as_str() {
            "fixed" => amount("amount", &self.amount)?
                .map(Pricing::Fixed)
                .ok_or_else(|| bad("amount")),
            "custom" => CustomBounds::new(
                currency,
                amount("custom_minimum", &self.custom_minimum)?,
                amount("custom_maximum", &self.custom_maximum)?,
                amount("custom_preset", &self.custom_preset)?,
            )
            .map(Pricing::Custom)
            .map_err(|_| bad("custom amount range")),
            _ => Err(bad("kind")),
        }
    }

    /// The form the link's sessions ask of their payer.
    pub fn form(&self) -> Result<PayerForm, String> {
        PayerForm::from_json(Some(&self.payer_form)).map_err(|e| format!("link {}: {e}", self.id))
    }

    /// The assets the link accepts, in the merchant's order.
    pub fn accepted_assets(&self) -> Result<Vec<Asset>, String> {
        self.assets
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| Asset::parse(s).map_err(|_| format!("link {} accepts {s:?}", self.id)))
            .collect()
    }

    /// The link's current state in the shape of a create request, for merge-patching.
    pub fn to_request_json(&self) -> serde_json::Value {
        let mut request = serde_json::json!({
            "slug": self.slug, "title": self.title, "type": self.kind, "currency": self.currency,
            "assets": self.assets.split(',').filter(|s| !s.is_empty()).collect::<Vec<_>>(),
            "chain": self.chain, "active": self.active == 1,
            "metadata": serde_json::from_str::<serde_json::Value>(&self.metadata).unwrap_or_default(),
        });
        let optional = [
            (
                "description",
                self.description.clone().map(serde_json::Value::from),
            ),
            ("amount", self.amount.clone().map(serde_json::Value::from)),
            (
                "max_payments",
                self.max_payments.map(serde_json::Value::from),
            ),
            ("expires_at", self.expires_at.map(serde_json::Value::from)),
            (
                "inactive_message",
                self.inactive_message.clone().map(serde_json::Value::from),
            ),
            (
                "success_url",
                self.success_url.clone().map(serde_json::Value::from),
            ),
            (
                "cancel_url",
                self.cancel_url.clone().map(serde_json::Value::from),
            ),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                request[name] = value;
            }
        }
        if let (Some(request), Ok(form)) = (request.as_object_mut(), self.form()) {
            request.extend(form.request_members());
        }
        if self.kind == "custom" {
            let mut bounds = serde_json::Map::new();
            for (name, value) in [
                ("minimum", &self.custom_minimum),
                ("maximum", &self.custom_maximum),
                ("preset", &self.custom_preset),
            ] {
                if let Some(value) = value {
                    bounds.insert(name.to_owned(), value.clone().into());
                }
            }
            request["custom_amount"] = serde_json::Value::Object(bounds);
        }
        request
    }

    /// [`Self::to_request_json`] with every field a request may hold present, `null` where the
    /// row has none: what a merge patch may name, so a `null` for any other name is unknown.
    pub fn request_shape(&self) -> serde_json::Value {
        let mut shape = self.to_request_json();
        for name in [
            "description",
            "amount",
            "max_payments",
            "expires_at",
            "inactive_message",
            "success_url",
            "cancel_url",
            "custom_amount",
            "collect",
            "custom_fields",
            "adjustable_quantity",
            "submit_label",
            "after_completion",
        ] {
            shape[name] = shape[name].take();
        }
        if let Some(bounds) = shape["custom_amount"].as_object_mut() {
            for name in ["minimum", "maximum", "preset"] {
                bounds.entry(name).or_insert(serde_json::Value::Null);
            }
        }
        shape
    }

    /// This row with every editable field taken from `link`; identity, slug, counts and
    /// `created_at` stay.
    pub fn updated(&self, link: &NewLink, now: i64) -> Self {
        let livemode = self.livemode == 1;
        let (id, slug) = (self.id.clone(), self.slug.clone());
        let mut row = Self::build(id, &self.merchant_id, livemode, slug, link, self.created_at);
        row.payments_count = self.payments_count;
        row.archived_at = self.archived_at;
        row.updated_at = now;
        row
    }

    pub fn status(&self, now: i64) -> LinkStatus {
        LinkStatus::of(
            StatusInputs {
                archived: self.archived_at.is_some(),
                active: self.active == 1,
                expires_at: self.expires_at,
                max_payments: self.max_payments,
                payments_count: self.payments_count,
            },
            now,
        )
    }

    /// The API object; `origin` (scheme and host the request came to) makes the hosted `url`.
    pub fn into_object(self, origin: &str, now: i64) -> Result<PaymentLink, String> {
        let status = self.status(now).as_str().to_owned();
        let form = self.form()?.view(self.success_url.as_deref());
        let metadata = Metadata::from_json(&self.metadata)?;
        let custom_amount = (self.kind == "custom").then_some(CustomAmount {
            minimum: self.custom_minimum,
            maximum: self.custom_maximum,
            preset: self.custom_preset,
        });
        Ok(PaymentLink {
            url: format!("{origin}/l/{}", self.slug),
            id: self.id,
            object: "payment_link".into(),
            slug: self.slug,
            title: self.title,
            description: self.description,
            kind: self.kind,
            amount: self.amount,
            currency: self.currency,
            custom_amount,
            assets: self
                .assets
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            chain: self.chain,
            max_payments: self.max_payments,
            payments_count: self.payments_count,
            expires_at: self.expires_at,
            active: self.active == 1,
            inactive_message: self.inactive_message,
            success_url: self.success_url,
            cancel_url: self.cancel_url,
            metadata: metadata
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            status,
            livemode: self.livemode == 1,
            created_at: self.created_at,
            updated_at: self.updated_at,
            archived_at: self.archived_at,
            form,
        })
    }
}

#[cfg(test)]
#[path = "row_tests.rs"]
mod tests;
