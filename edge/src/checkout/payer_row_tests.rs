//! A session row's payer columns: what is held reads back the same, the amount follows the
//! quantity, and a payment to an earlier quote settles at that quote's quantity.

use shared::chain::Chain;
use shared::money::{Asset, Currency, FiatAmount, Rate};
use shared::payer::{Address, CustomFieldValue, Customer, Payer, PayerForm};

use crate::checkout::quote_row::{Derivation, Pricing, QuoteRow};
use crate::checkout::row::{Opening, Session, SessionRow};
use crate::ops::config::{ChainConfig, Timing};

fn eur(text: &str) -> FiatAmount {
    FiatAmount::parse(text, Currency::Eur).unwrap()
}

fn payer(quantity: u32) -> Payer {
    Payer {
        customer: Customer {
            email: Some("ada@example.com".into()),
            phone: Some("+49 30 1234567".into()),
            billing_address: Some(Address {
                line1: "Unter den Linden 1".into(),
                line2: None,
                city: "Berlin".into(),
                postal_code: Some("10117".into()),
                state: None,
                country: "DE".into(),
            }),
            ..Customer::default()
        },
        custom_fields: vec![CustomFieldValue {
            key: "size".into(),
            label: "Size".into(),
            value: "m".into(),
        }],
        quantity,
    }
}

fn row(payer: &Payer) -> SessionRow {
    let unit = eur("9.99");
    SessionRow::open(Opening {
        id: "cs_1".into(),
        merchant_id: "mer_1".into(),
        link_id: None,
        livemode: false,
        fiat: shared::payer::quantity::total(unit, payer.quantity).unwrap(),
        assets: vec![Asset::Eth],
        chain: Chain::Anvil,
        origin: "https://pay.example".into(),
        title: None,
        description: None,
        client_reference_id: None,
        metadata: "{}".into(),
        success_url: None,
        cancel_url: None,
        expires_at: 90_000,
        timing: Timing {
            grace_secs: 60,
            watch_secs: 86_400,
        },
        now: 1_000,
        form: PayerForm::default(),
        unit,
        payer: payer.clone(),
    })
}

fn quote(id: &str, quantity: i64, fiat: FiatAmount) -> QuoteRow {
    let rate = Rate::parse(Asset::Eth, Currency::Eur, "2750").unwrap();
    let chain = ChainConfig {
        chain: Chain::Anvil,
        rpc_url: None,
        confirmations: 2,
        tolerance_bps: 0,
        factory: shared::payout::CANONICAL_FACTORY,
    };
    QuoteRow::price(Pricing {
        id: id.into(),
        session_id: "cs_1",
        merchant_id: "mer_1",
        livemode: false,
        asset: Asset::Eth,
        fiat,
        rate: &rate,
        chain: &chain,
        token_address: None,
        derivation: Derivation::Index(1),
        deposit_address: "0x70997970C51812dc3A010C7d01b50e0d73dc79C8".into(),
        expires_at: 1_900,
        now: 1_000,
        quantity,
    })
    .unwrap()
}

#[test]
fn what_a_row_holds_reads_back_as_the_same_payer() {
    let row = row(&payer(3));
    assert_eq!(row.payer().unwrap(), payer(3));
    assert_eq!(row.customer_email.as_deref(), Some("ada@example.com"));
    assert_eq!(row.amount, "29.97");
    assert_eq!(row.unit().unwrap(), eur("9.99"));
}

#[test]
fn an_email_alone_needs_no_customer_column_and_nothing_is_null() {
    let only_email = Payer {
        customer: Customer {
            email: Some("ada@example.com".into()),
            ..Customer::default()
        },
        ..Payer::default()
    };
    let row = row(&only_email);
    assert_eq!(
        (row.customer.as_deref(), row.custom_fields.as_deref()),
        (None, None)
    );
    assert_eq!(row.payer().unwrap(), only_email);
    let empty = self::row(&Payer::default());
    assert_eq!(empty.customer_email, None);
}

#[test]
fn a_session_before_unit_amounts_is_priced_by_its_amount() {
    let mut old = row(&Payer::default());
    old.unit_amount = None;
    old.amount = "12.00".into();
    assert_eq!(old.unit().unwrap(), eur("12.00"));
}

#[test]
fn the_amount_shown_is_that_of_the_settling_quote() {
    let mut first = quote("qt_1", 1, eur("9.99"));
    let second = quote("qt_2", 3, eur("29.97"));
    let mut session = Session {
        row: row(&payer(3)),
        quotes: vec![first.clone(), second],
    };
    assert_eq!(session.charged().unwrap(), (3, "29.97".into()));
    first.status = "paid".into();
    first.amount_received = first.amount_due.clone();
    first.amount_confirmed = first.amount_due.clone();
    session.quotes[0] = first;
    session.row.status = "paid".into();
    assert_eq!(session.charged().unwrap(), (1, "9.99".into()));
    let object = session.into_checkout().unwrap();
    assert_eq!((object.quantity, object.amount.as_str()), (1, "9.99"));
}

#[test]
fn a_quote_claim_writes_the_payer_it_holds_and_clears_what_it_does_not() {
    let mut row = row(&payer(2));
    row.custom_fields = None;
    let q = crate::checkout::statements::claim_quote(&row, "evt_1", 5);
    assert!(q.sql.contains("custom_fields = NULL"), "{}", q.sql);
    assert!(
        q.sql
            .contains("WHERE id = ?1 AND revision = ?2 AND status = 'open'"),
        "{}",
        q.sql
    );
    use crate::platform::sql::Arg;
    assert_eq!(q.args.len(), 8);
    assert!(q.args.contains(&Arg::Text("ada@example.com".into())));
    assert!(q.args.contains(&Arg::Text("19.98".into())));
    assert!(q.args.contains(&Arg::Int(2)));
}

#[test]
fn every_member_of_a_sessions_views_is_named_once() {
    let session = Session {
        row: row(&payer(2)),
        quotes: vec![],
    };
    let merchant = serde_json::to_string(&session.clone().into_checkout().unwrap()).unwrap();
    let public =
        serde_json::to_string(&session.into_public("Shop".into(), None, 2).unwrap()).unwrap();
    // A flattened member of the same name as another would be written twice, and read back
    // as whichever a client happens to keep.
    for text in [merchant, public] {
        assert_eq!(
            shared::api::json_guard::check(text.as_bytes()),
            Ok(()),
            "{text}"
        );
    }
    let twice = r#"{"custom_fields":[],"custom_fields":[]}"#;
    assert!(shared::api::json_guard::check(twice.as_bytes()).is_err());
}
