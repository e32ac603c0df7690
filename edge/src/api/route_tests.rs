//! Matching paths against templates, and the `Allow` header of a path.

use super::*;

#[test]
fn a_template_fits_its_literal_segments_and_names_its_parameters() {
    let params = fit(
        "/v1/webhook_endpoints/{id}/deliveries/{delivery}/retry",
        "/v1/webhook_endpoints/we_1/deliveries/whd_2/retry",
    )
    .unwrap();
    assert_eq!(params.get("id"), Some("we_1"));
    assert_eq!(params.get("delivery"), Some("whd_2"));
    assert_eq!(params.get("slug"), None);
}

#[test]
fn a_template_does_not_fit_an_empty_segment_or_another_length_or_literal() {
    assert!(fit("/l/{slug}", "/l/").is_none());
    assert!(fit("/l/{slug}", "/l/a/b").is_none());
    assert!(fit("/l/{slug}", "/l").is_none());
    assert!(fit("/v1/events/{id}", "/v1/event/evt_1").is_none());
    assert!(fit("/healthz", "/healthz/").is_none());
}

#[test]
fn a_template_without_parameters_fits_only_itself() {
    assert_eq!(fit("/healthz", "/healthz"), Some(Params::default()));
    assert!(fit("/healthz", "/healthy").is_none());
}

#[test]
fn the_allow_header_lists_methods_in_one_order_with_head_beside_get() {
    assert_eq!(
        allow_header(&[Method::Delete, Method::Get, Method::Patch]),
        "GET, HEAD, PATCH, DELETE"
    );
    assert_eq!(
        allow_header(&[Method::Post, Method::Get]),
        "GET, HEAD, POST"
    );
    assert_eq!(allow_header(&[Method::Post]), "POST");
}

#[test]
fn unknown_methods_parse_as_other() {
    assert_eq!(Method::parse("BREW"), Method::Other);
    assert_eq!(Method::parse("get"), Method::Other);
    assert_eq!(Method::parse("PATCH"), Method::Patch);
}

#[test]
fn only_post_patch_and_delete_carry_a_body() {
    assert!(Method::Post.writes() && Method::Patch.writes() && Method::Delete.writes());
    assert!(!Method::Get.writes() && !Method::Head.writes() && !Method::Options.writes());
}
