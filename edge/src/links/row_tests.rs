//! A link's row and back: pricing, the wire object, updates that keep identity, derived status.

use super::*;
use shared::api::links::{CreateLinkRequest, LinkDefaults};
use shared::chain::Chain;

fn new_link(body: serde_json::Value) -> NewLink {
    let defaults = LinkDefaults {
        chain: Some(Chain::Anvil),
        assets: &|_| vec![Asset::Eth],
    };
    serde_json::from_value::<CreateLinkRequest>(body)
        .unwrap()
        .parse(false, 100, &defaults)
        .unwrap()
}

#[test]
fn pricing_and_assets_read_back_from_the_row() {
    let link = new_link(serde_json::json!({
        "title": "Tip", "type": "custom", "currency": "USD",
        "custom_amount": {"minimum": "1", "maximum": "50"},
        "assets": ["ETH", "USDC"], "chain": "anvil",
    }));
    let slug = Slug::parse("tip-abc123").unwrap();
    let row = LinkRow::new("pl_1".into(), "mer_1", false, &slug, &link, 100);
    assert_eq!(row.pricing().unwrap(), link.pricing);
    assert_eq!(row.accepted_assets().unwrap(), [Asset::Eth, Asset::Usdc]);
    let broken = LinkRow {
        kind: "auction".into(),
        ..row
    };
    assert!(broken.pricing().is_err());
}

#[test]
fn a_fixed_link_round_trips_through_its_row() {
    let link = new_link(serde_json::json!({
        "title": "Beans", "type": "fixed", "amount": "12.5", "currency": "EUR",
        "assets": ["USDC", "ETH"], "chain": "sepolia", "metadata": {"sku": "b-1"},
    }));
    let slug = Slug::parse("beans-abc123").unwrap();
    let row = LinkRow::new("pl_1".into(), "mer_1", false, &slug, &link, 100);
    let object = row.into_object("https://pay.example", 100).unwrap();
    assert_eq!(object.amount.as_deref(), Some("12.50"));
    assert_eq!(object.assets, ["USDC", "ETH"]);
    assert_eq!(object.url, "https://pay.example/l/beans-abc123");
    assert_eq!(object.status, "active");
    assert_eq!(object.custom_amount, None);
    assert_eq!(object.metadata.get("sku").map(String::as_str), Some("b-1"));
}

#[test]
fn a_custom_link_shows_its_bounds_and_no_amount() {
    let link = new_link(serde_json::json!({
        "title": "Tip", "type": "custom", "currency": "JPY",
        "custom_amount": {"minimum": "100"}, "assets": ["ETH"], "chain": "anvil",
    }));
    let row = LinkRow::new(
        "pl_2".into(),
        "m",
        false,
        &Slug::parse("tip-000000").unwrap(),
        &link,
        100,
    );
    let object = row.into_object("http://127.0.0.1:8787", 100).unwrap();
    assert_eq!(object.amount, None);
    let bounds = object.custom_amount.unwrap();
    assert_eq!(
        (bounds.minimum.as_deref(), bounds.maximum),
        (Some("100"), None)
    );
}

#[test]
fn a_row_as_a_request_parses_back_to_the_same_row() {
    let link = new_link(serde_json::json!({
        "title": "Tip", "type": "custom", "currency": "USD", "description": "Thanks",
        "custom_amount": {"minimum": "1", "preset": "5"}, "assets": ["ETH", "EURC"],
        "chain": "anvil", "max_payments": 3, "success_url": "https://shop.example/ok",
        "metadata": {"a": "b"}, "active": false, "inactive_message": "Back soon",
    }));
    let row = LinkRow::new(
        "pl_4".into(),
        "m",
        false,
        &Slug::parse("tip-aaaaaa").unwrap(),
        &link,
        100,
    );
    let again = new_link(row.to_request_json());
    assert_eq!(
        row.updated(&again, 150),
        LinkRow {
            updated_at: 150,
            ..row.clone()
        }
    );
}

#[test]
fn an_update_keeps_identity_slug_count_and_creation_time() {
    let link = new_link(serde_json::json!({
        "title": "Old", "type": "fixed", "amount": "1", "currency": "USD", "assets": ["ETH"], "chain": "anvil",
    }));
    let mut row = LinkRow::new(
        "pl_5".into(),
        "m",
        false,
        &Slug::parse("old-aaaaaa").unwrap(),
        &link,
        100,
    );
    row.payments_count = 2;
    let changed = new_link(serde_json::json!({
        "title": "New", "type": "fixed", "amount": "2", "currency": "USD", "assets": ["ETH"], "chain": "anvil",
    }));
    let updated = row.updated(&changed, 300);
    assert_eq!(
        (updated.title.as_str(), updated.amount.as_deref()),
        ("New", Some("2.00"))
    );
    assert_eq!(
        (updated.id.as_str(), updated.slug.as_str()),
        ("pl_5", "old-aaaaaa")
    );
    assert_eq!(
        (
            updated.payments_count,
            updated.created_at,
            updated.updated_at
        ),
        (2, 100, 300)
    );
}

#[test]
fn a_stored_expiry_past_the_range_reads_as_the_end_of_year_9999() {
    let link = new_link(serde_json::json!({
        "title": "Far", "type": "fixed", "amount": "1", "currency": "USD",
        "assets": ["ETH"], "chain": "anvil",
    }));
    let slug = Slug::parse("far-000000").unwrap();
    let mut stored =
        serde_json::to_value(LinkRow::new("pl_6".into(), "m", false, &slug, &link, 100)).unwrap();
    // What D1 hands back for 2^53 and for i64::MAX: numbers past what an i64 visitor takes
    // from a JS number.
    for number in [
        serde_json::json!(9_007_199_254_740_992.0_f64),
        serde_json::json!(9.3e18),
    ] {
        stored["expires_at"] = number;
        let row: LinkRow = serde_json::from_value(stored.clone()).unwrap();
        assert_eq!(row.expires_at, Some(shared::bounds::MAX_TIMESTAMP));
        assert!(row.into_object("https://pay.example", 100).is_ok());
    }
    stored["expires_at"] = serde_json::Value::Null;
    let row: LinkRow = serde_json::from_value(stored.clone()).unwrap();
    assert_eq!(row.expires_at, None);
    stored["expires_at"] = serde_json::json!(200);
    let row: LinkRow = serde_json::from_value(stored).unwrap();
    assert_eq!(row.expires_at, Some(200));
}

#[test]
fn status_is_derived_when_read() {
    let link = new_link(serde_json::json!({
        "title": "Soon gone", "type": "fixed", "amount": "1", "currency": "USD",
        "assets": ["ETH"], "chain": "anvil", "expires_at": 200,
    }));
    let row = LinkRow::new(
        "pl_3".into(),
        "m",
        false,
        &Slug::parse("soon-000000").unwrap(),
        &link,
        100,
    );
    assert_eq!(row.status(199), LinkStatus::Active);
    assert_eq!(row.status(200), LinkStatus::Expired);
}

#[test]
fn a_link_at_its_payment_limit_shows_sold_out_until_archived_and_then_its_archive_time() {
    let link = new_link(serde_json::json!({
        "title": "Limited", "amount": "1", "max_payments": 2,
    }));
    let slug = Slug::parse("limited-000000").unwrap();
    let mut row = LinkRow::new("pl_7".into(), "m", false, &slug, &link, 100);
    row.payments_count = 1;
    assert_eq!(row.clone().into_object("", 150).unwrap().status, "active");
    row.payments_count = 2;
    let sold_out = row.clone().into_object("", 150).unwrap();
    assert_eq!(
        (sold_out.status.as_str(), sold_out.archived_at),
        ("sold_out", None)
    );
    row.archived_at = Some(160);
    let archived = row.into_object("", 170).unwrap();
    assert_eq!(
        (archived.status.as_str(), archived.archived_at),
        ("archived", Some(160))
    );
}

#[test]
fn a_rows_request_shape_names_every_field_a_link_request_has() {
    let doc = shared::api::openapi::document();
    let schema = &doc["components"]["schemas"]["CreateLinkRequest"]["properties"];
    let mut wanted: Vec<&String> = schema.as_object().unwrap().keys().collect();
    wanted.sort();
    for body in [
        serde_json::json!({"title": "F", "type": "fixed", "amount": "1", "currency": "EUR",
            "assets": ["ETH"], "chain": "anvil"}),
        serde_json::json!({"title": "C", "type": "custom", "currency": "EUR",
            "assets": ["ETH"], "chain": "anvil", "custom_amount": {"minimum": "1"}}),
    ] {
        let link = new_link(body);
        let slug = Slug::parse("shape-000001").unwrap();
        let shape = LinkRow::new("pl_9".into(), "m", false, &slug, &link, 100).request_shape();
        let mut names: Vec<&String> = shape.as_object().unwrap().keys().collect();
        names.sort();
        assert_eq!(names, wanted);
    }
}

#[test]
fn a_null_for_a_name_no_link_has_is_unknown_and_for_a_field_is_not() {
    let link = new_link(
        serde_json::json!({"title": "C", "type": "custom", "currency": "EUR",
        "assets": ["ETH"], "chain": "anvil", "custom_amount": {"minimum": "1"}}),
    );
    let slug = Slug::parse("shape-000002").unwrap();
    let shape = LinkRow::new("pl_8".into(), "m", false, &slug, &link, 100).request_shape();
    let unknown = |patch| shared::api::merge_patch::unknown_removal(&shape, &patch);
    assert_eq!(unknown(serde_json::json!({"": null})), Some(String::new()));
    assert_eq!(
        unknown(serde_json::json!({"descripton": null})),
        Some("descripton".into())
    );
    assert_eq!(
        unknown(serde_json::json!({"description": null, "expires_at": null})),
        None
    );
    assert_eq!(
        unknown(serde_json::json!({"custom_amount": {"preset": null}})),
        None
    );
    assert_eq!(
        unknown(serde_json::json!({"custom_amount": {"step": null}})),
        Some("custom_amount.step".into())
    );
}

#[test]
fn a_links_payer_form_round_trips_through_its_row_and_shows_in_its_object() {
    let link = new_link(serde_json::json!({
        "title": "Shirt", "amount": "9.99", "currency": "EUR", "assets": ["ETH"], "chain": "anvil",
        "collect": {"email": "required", "phone": "optional"},
        "custom_fields": [{"key": "size", "label": "Size", "type": "dropdown",
            "options": [{"value": "m", "label": "M"}]}],
        "adjustable_quantity": {"enabled": true, "maximum": 5},
        "submit_label": "book",
        "after_completion": {"type": "message", "message": "See you"},
    }));
    let row = LinkRow::new(
        "pl_6".into(),
        "m",
        false,
        &Slug::parse("shirt-aaaaaa").unwrap(),
        &link,
        100,
    );
    assert_eq!(row.form().unwrap(), link.form);
    let again = new_link(row.to_request_json());
    assert_eq!(again.form, link.form);
    let object =
        serde_json::to_value(row.into_object("https://pay.example", 100).unwrap()).unwrap();
    assert_eq!(object["collect"]["email"], "required");
    assert_eq!(object["custom_fields"][0]["key"], "size");
    assert_eq!(object["adjustable_quantity"]["maximum"], 5);
    assert_eq!(object["submit_label"], "book");
    assert_eq!(
        object["after_completion"],
        serde_json::json!({"type": "message", "message": "See you"})
    );
    assert_eq!(object["success_url"], serde_json::Value::Null);
}

#[test]
fn a_redirect_after_completion_is_the_links_success_url() {
    let link = new_link(serde_json::json!({
        "title": "Shirt", "amount": "9.99", "assets": ["ETH"], "chain": "anvil",
        "after_completion": {"type": "redirect", "url": "https://shop.example/done"},
    }));
    let row = LinkRow::new(
        "pl_7".into(),
        "m",
        false,
        &Slug::parse("shirt-bbbbbb").unwrap(),
        &link,
        100,
    );
    assert_eq!(
        row.success_url.as_deref(),
        Some("https://shop.example/done")
    );
    let request = row.to_request_json();
    assert!(request.get("after_completion").is_none(), "{request}");
    let object =
        serde_json::to_value(row.into_object("https://pay.example", 100).unwrap()).unwrap();
    assert_eq!(
        object["after_completion"],
        serde_json::json!({"type": "redirect", "url": "https://shop.example/done"})
    );
}
