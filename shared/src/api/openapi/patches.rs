//! The bodies of the JSON Merge Patch routes (RFC 7396), described field by field.
//!
//! The worker merges a PATCH body onto the object's current fields and checks the result as a
//! create (or a full settings object) would be; it never deserializes these types. They say
//! what that merge accepts, so typed clients can express an update: every field optional;
//! `null` allowed exactly where removing the member leaves a valid object (the field clears,
//! or takes its create default), and refused where the merged object would miss a field it
//! needs. The tests below hold each type to the merge.

use std::collections::BTreeMap;

use schemars::JsonSchema;

use crate::api::links::CustomAmountRequest;
use crate::payer::request::{
    AdjustableQuantityRequest, AfterCompletionRequest, CollectRequest, CustomFieldRequest,
};

/// `PATCH /v1/payment_links/{id}`: any create fields but `slug` (a link's URL never changes).
/// Absent fields stay; `null` clears; `metadata` merges key by key (a `null` value removes
/// that key). The merged link is checked as a create is.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct UpdateLinkRequest {
    #[serde(default)]
    #[schemars(with = "String")]
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    /// Changing the type also needs `amount` (to `fixed`) or `amount: null` (to `custom`);
    /// `null` takes the type the price fields imply, as a create without `type` does.
    #[serde(rename = "type")]
    #[schemars(with = "Option<Option<super::closed::LinkType>>")]
    pub kind: Option<Option<String>>,
    pub amount: Option<Option<String>>,
    /// `null`: USD, the create default.
    pub currency: Option<Option<String>>,
    /// Merges member by member; `null` removes the bounds.
    pub custom_amount: Option<Option<CustomAmountRequest>>,
    /// `null`: every asset the link's chain offers in this deployment, as on create.
    #[schemars(with = "Option<Option<Vec<crate::money::Asset>>>")]
    pub assets: Option<Option<Vec<String>>>,
    /// `null`: the account's `default_chain`, as on create.
    #[schemars(with = "Option<Option<crate::chain::Chain>>")]
    pub chain: Option<Option<String>>,
    pub max_payments: Option<Option<u32>>,
    /// Unix seconds; a new value must be in the future.
    pub expires_at: Option<Option<i64>>,
    /// `null` makes the link active again (the create default).
    pub active: Option<Option<bool>>,
    pub inactive_message: Option<Option<String>>,
    pub success_url: Option<Option<String>>,
    pub cancel_url: Option<Option<String>>,
    pub metadata: Option<Option<BTreeMap<String, Option<String>>>>,
    /// Merges member by member (a `null` member is `off`); `null` collects nothing.
    pub collect: Option<Option<CollectRequest>>,
    /// Replaces the list whole; `null` or `[]` removes every field. Open sessions keep theirs.
    pub custom_fields: Option<Option<Vec<CustomFieldRequest>>>,
    /// Merges member by member; `null` switches it off.
    pub adjustable_quantity: Option<Option<AdjustableQuantityRequest>>,
    /// `null`: `pay`.
    #[schemars(with = "Option<Option<crate::payer::SubmitLabel>>")]
    pub submit_label: Option<Option<String>>,
    /// Replaces whole, and replaces `success_url` too (they are one setting: a patch naming
    /// one of them sets both); `null` removes the message or redirect.
    pub after_completion: Option<Option<AfterCompletionRequest>>,
}

/// `PATCH /v1/account`: a merge patch of the key's mode's checkout settings.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AccountPatch {
    #[serde(default)]
    #[schemars(with = "CheckoutPatch")]
    pub checkout: Option<CheckoutPatch>,
}

/// The members of `checkout` a patch may change.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckoutPatch {
    /// An account-level xpub (`m/44'/60'/n'`); `null` removes it (sessions then cannot start).
    pub deposit_xpub: Option<Option<String>>,
    /// 60 to 3600.
    #[serde(default)]
    #[schemars(with = "u32")]
    pub quote_lock_seconds: Option<u32>,
    /// `null` or `[]`: any https origin may frame the pay page.
    pub frame_ancestors: Option<Option<Vec<String>>>,
    /// Payout mode's payout address (EIP-55 checked); `null` removes it. Never together with
    /// `deposit_xpub`.
    pub payout_address: Option<Option<String>>,
    /// The chain of links created without one; `null` goes back to the mode's assumed default
    /// (test mode: the local chain when served, else base-sepolia; live mode: none).
    #[schemars(with = "Option<Option<crate::chain::Chain>>")]
    pub default_chain: Option<Option<String>>,
    /// 0 to 3650 days; `null`: 90.
    pub customer_data_retention_days: Option<Option<u32>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::account::UpdateAccountRequest;
    use crate::api::links::CreateLinkRequest;
    use crate::api::merge_patch;
    use serde::de::DeserializeOwned;
    use serde_json::{Value, json};

    /// The schema's properties with whether each admits `null`, and its `additionalProperties`.
    fn properties(schema: &Value) -> Vec<(String, bool)> {
        let properties = schema["properties"].as_object().unwrap();
        properties
            .iter()
            .map(|(name, property)| {
                let text = property.to_string();
                (name.clone(), text.contains("\"null\""))
            })
            .collect()
    }

    fn schema_of<T: JsonSchema>() -> Value {
        let settings = schemars::generate::SchemaSettings::draft2020_12();
        let mut generator = settings.into_generator();
        generator.root_schema_for::<T>().to_value()
    }

    /// Whether the merge of `{name: null}` onto `current` still reads as `T`.
    fn null_is_accepted<T: DeserializeOwned>(current: &Value, name: &str) -> bool {
        let mut merged = current.clone();
        merge_patch::apply(&mut merged, &json!({ name: null }));
        serde_json::from_value::<T>(merged).is_ok()
    }

    fn custom_link() -> Value {
        json!({
            "slug": "tip-jar", "title": "Tips", "description": "Thanks", "type": "custom",
            "currency": "EUR", "custom_amount": {"minimum": "1"}, "assets": ["ETH"],
            "chain": "anvil", "max_payments": 3, "expires_at": 99, "active": true,
            "inactive_message": "Closed", "success_url": "https://s.example/ok",
            "cancel_url": "https://s.example/no", "metadata": {"k": "v"},
        })
    }

    #[test]
    fn a_link_patch_takes_every_create_field_but_the_slug() {
        let create = schema_of::<CreateLinkRequest>();
        let mut expected: Vec<&String> = create["properties"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|name| *name != "slug")
            .collect();
        let patch = schema_of::<UpdateLinkRequest>();
        let mut names: Vec<&String> = patch["properties"].as_object().unwrap().keys().collect();
        expected.sort();
        names.sort();
        assert_eq!(names, expected);
        assert!(patch.get("required").is_none(), "{patch}");
        assert_eq!(patch["additionalProperties"], false);
    }

    #[test]
    fn a_link_patch_allows_null_exactly_where_the_merged_link_still_reads() {
        for (name, nullable) in properties(&schema_of::<UpdateLinkRequest>()) {
            let accepted = null_is_accepted::<CreateLinkRequest>(&custom_link(), &name);
            assert_eq!(
                nullable, accepted,
                "{name}: null in the schema vs the merge"
            );
        }
        assert!(!null_is_accepted::<CreateLinkRequest>(
            &custom_link(),
            "title"
        ));
    }

    #[test]
    fn an_account_patch_allows_null_exactly_where_the_merged_settings_still_read() {
        let current = json!({"checkout": {"deposit_xpub": "xpub…", "quote_lock_seconds": 900,
            "frame_ancestors": [], "default_chain": "sepolia", "payout_address": null,
            "customer_data_retention_days": 30}});
        let checkout = &schema_of::<AccountPatch>()["$defs"]["CheckoutPatch"];
        let found = properties(checkout);
        assert_eq!(found.len(), 6);
        for (name, nullable) in found {
            let mut merged = current.clone();
            merge_patch::apply(&mut merged, &json!({"checkout": { name.as_str(): null }}));
            let accepted = serde_json::from_value::<UpdateAccountRequest>(merged).is_ok();
            assert_eq!(nullable, accepted, "checkout.{name}");
        }
        assert!(!null_is_accepted::<UpdateAccountRequest>(
            &current, "checkout"
        ));
    }
}
