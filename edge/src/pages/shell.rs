//! The pay page shell rewritten for one link or one checkout: its title and description, the
//! test-mode band, the way back to the merchant, and the framed look. Pure text work, done by
//! the worker so the page's wasm carries none of it.

use shared::api::public::PublicLink;
use shared::api::sessions::PublicSession;

/// What a page is for.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    Link(Option<&'a PublicLink>),
    /// A checkout's page, `/c/{id}`.
    Checkout(Option<&'a PublicSession>),
}

impl Subject<'_> {
    fn merchant_name(&self) -> Option<&str> {
        match self {
            Subject::Link(link) => link.map(|l| l.merchant_name.as_str()),
            Subject::Checkout(session) => session.map(|s| s.merchant_name.as_str()),
        }
    }

    fn livemode(&self) -> Option<bool> {
        match self {
            Subject::Link(link) => link.map(|l| l.livemode),
            Subject::Checkout(session) => session.map(|s| s.livemode),
        }
    }

    fn cancel_url(&self) -> Option<&str> {
        match self {
            Subject::Link(link) => link.and_then(|l| l.cancel_url.as_deref()),
            Subject::Checkout(session) => session.and_then(|s| s.cancel_url.as_deref()),
        }
    }
}

/// The styles of what this module adds, sent only with it: the page's own stylesheet (and its
/// size budget) carries none of them. The band tops the page; the way back follows the card
/// until money arrives ("Return" once the session ended without a sale); framed, the shop's
/// modal or page is the card.
const BAND_STYLE: &str = ".test-band{order:-1;align-self:stretch;margin:-1rem -1rem 0;padding:.4rem 1rem;text-align:center;background:#ffd33d;color:#14161a;font-weight:700;font-size:.9rem}@media (max-width:400px){.test-band{margin:-.5rem -.5rem 0}}";
const CANCEL_STYLE: &str = ".cancel{order:1;margin:0}.cancel-ended{display:none}body:has(.status-problem) .cancel-ended{display:inline}body:has(.status-problem) .cancel-open,body:has(.status-done) .cancel,body:has(div[hidden]>.quote):not(:has(.status-problem)) .cancel{display:none}";
const EMBED_STYLE: &str = ".embed body{background:var(--card);min-height:0;padding:.5rem}.embed .card{max-width:none;box-shadow:none;padding:.5rem}.embed .test-band{margin:-.5rem -.5rem 0}";

/// The shell's own title, replaced for every `/l/{slug}` answer.
const TITLE: &str = "<title>Pay with Paylink</title>";
const BODY: &str = "<body>";

/// Text made safe for HTML content and for double- or single-quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// "Pay Demo Coffee Roasters — House blend, 250 g"; unescaped.
pub fn title(subject: Subject<'_>) -> String {
    match subject {
        Subject::Link(Some(link)) => format!("Pay {} — {}", link.merchant_name, link.title),
        Subject::Link(None) => "Payment link not found — Paylink".into(),
        Subject::Checkout(Some(session)) => match &session.title {
            Some(title) => format!("Pay {} — {title}", session.merchant_name),
            None => format!("Pay {}", session.merchant_name),
        },
        Subject::Checkout(None) => "Checkout not found — Paylink".into(),
    }
}

/// One sentence for search results and link previews: who, what, how much, how; unescaped.
pub fn description(subject: Subject<'_>) -> String {
    match subject {
        Subject::Link(None) => "This payment link does not exist or is no longer available.".into(),
        Subject::Checkout(None) => "This checkout does not exist.".into(),
        Subject::Link(Some(link)) => {
            let price = match &link.amount {
                Some(amount) => format!("{amount} {}", link.currency),
                None => format!("an amount you choose in {}", link.currency),
            };
            format!(
                "{}: {}, {price}. Pay with {} on {}.",
                link.merchant_name,
                link.title,
                link.assets.join(", "),
                link.chain_name
            )
        }
        Subject::Checkout(Some(session)) => format!(
            "{}: {}{} {}. Pay with {} on {}.",
            session.merchant_name,
            session
                .title
                .as_deref()
                .map(|t| format!("{t}, "))
                .unwrap_or_default(),
            session.amount,
            session.currency,
            session.assets.join(", "),
            session.chain_name
        ),
    }
}

/// Only a web address is offered as the way back.
fn web_url(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

/// The `<style>` element for what [`body_start`] adds; empty when it adds nothing styled.
fn styles(subject: Subject<'_>, embed: bool) -> String {
    let mut css = String::new();
    if subject.livemode() == Some(false) {
        css.push_str(BAND_STYLE);
    }
    if subject.cancel_url().and_then(web_url).is_some() {
        css.push_str(CANCEL_STYLE);
    }
    if embed {
        css.push_str(EMBED_STYLE);
    }
    if css.is_empty() {
        css
    } else {
        format!("<style>{css}</style>")
    }
}

/// What goes first in the body: the test-mode band and the way back to the merchant. The
/// stylesheet orders them around the page's card and hides the way back once money arrived.
fn body_start(subject: Subject<'_>, embed: bool) -> String {
    let mut out = String::new();
    let Some(merchant_name) = subject.merchant_name() else {
        return out;
    };
    if subject.livemode() == Some(false) {
        out.push_str(r#"<p class="test-band">Test payment — no real money</p>"#);
    }
    if let Some(url) = subject.cancel_url().and_then(web_url) {
        // In the embed the shop's page is the frame's parent: leave the frame for it.
        let target = if embed { r#" target="_top""# } else { "" };
        out.push_str(&format!(
            r#"<p class="cancel"><a class="button" href="{}"{target}><span><span class="cancel-open">Cancel and return</span><span class="cancel-ended">Return</span> to {}</span></a></p>"#,
            escape_html(url),
            escape_html(merchant_name)
        ));
    }
    if embed {
        // Escape closes the shop's modal even while focus is in this frame: the loader only
        // acts on messages from the frame it opened, and the browser delivers this one only
        // if the parent is at the origin the query names.
        out.push_str(concat!(
            "<script>addEventListener('keydown',function(e){var p=new URLSearchParams(",
            "location.search).get('parent');if(e.key==='Escape'&&p&&parent!==window)",
            "try{parent.postMessage({type:'paylink:close'},p)}catch(_){}})</script>"
        ));
    }
    out
}

/// `shell` for `subject` (`None` inside: no link has the slug, no checkout the id): the title
/// and description name the merchant and what is paid, the root carries `embed` when framed by the one-line embed, and the
/// body starts with the band and the way back. A shell without the expected markers is
/// returned with what could be placed.
pub fn rewrite(shell: &str, subject: Subject<'_>, embed: bool) -> String {
    let head = format!(
        r#"<title>{}</title><meta name="description" content="{}" />{}"#,
        escape_html(&title(subject)),
        escape_html(&description(subject)),
        styles(subject, embed)
    );
    let mut html = shell.replacen(TITLE, &head, 1);
    if embed {
        html = html.replacen("<html", r#"<html class="embed""#, 1);
    }
    let start = body_start(subject, embed);
    if !start.is_empty() {
        html = html.replacen(BODY, &format!("{BODY}{start}"), 1);
    }
    html
}

/// Whether the query asks for the embed's framed look (`embed=1`, as the loader writes it).
pub fn is_embed(query: &[(String, String)]) -> bool {
    query
        .iter()
        .any(|(name, value)| name == "embed" && value == "1")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHELL: &str = "<!doctype html>\n<html lang=\"en\">\n<head><title>Pay with Paylink</title></head>\n<body>\n<noscript>x</noscript></body></html>";

    fn link() -> PublicLink {
        PublicLink {
            object: "public_link".into(),
            slug: "house-blend".into(),
            merchant_name: "Demo Coffee Roasters".into(),
            title: "House blend, 250 g".into(),
            description: None,
            kind: "fixed".into(),
            amount: Some("12.50".into()),
            currency: "USD".into(),
            custom_amount: None,
            assets: vec!["ETH".into(), "USDC".into()],
            chain: "base-sepolia".into(),
            chain_name: "Base Sepolia".into(),
            chain_id: 84532,
            state: "payable".into(),
            inactive_message: None,
            cancel_url: None,
            livemode: true,
            form: shared::payer::PublicFormView::default(),
        }
    }

    #[test]
    fn the_title_names_the_merchant_and_the_link() {
        let html = rewrite(SHELL, Subject::Link(Some(&link())), false);
        assert!(html.contains("<title>Pay Demo Coffee Roasters — House blend, 250 g</title>"));
        assert!(!html.contains("Pay with Paylink"));
    }

    #[test]
    fn the_description_says_what_how_much_and_on_which_network() {
        assert_eq!(
            description(Subject::Link(Some(&link()))),
            "Demo Coffee Roasters: House blend, 250 g, 12.50 USD. Pay with ETH, USDC on Base Sepolia."
        );
        let mut custom = link();
        custom.amount = None;
        assert!(description(Subject::Link(Some(&custom))).contains("an amount you choose in USD"));
    }

    #[test]
    fn an_unknown_slug_gets_a_not_found_title() {
        let html = rewrite(SHELL, Subject::Link(None), false);
        assert!(html.contains("<title>Payment link not found — Paylink</title>"));
        assert!(html.contains(r#"<meta name="description" content="This payment link"#));
        assert!(!html.contains("test-band") && !html.contains("class=\"cancel\""));
    }

    #[test]
    fn hostile_names_are_escaped_in_the_title_the_description_and_the_link() {
        let mut evil = link();
        evil.merchant_name = "</title><script>alert(1)</script>".into();
        evil.title = "\"><img src=x onerror=alert(1)>".into();
        evil.cancel_url = Some("https://shop.example/?a=1&b=\"><script>".into());
        let html = rewrite(SHELL, Subject::Link(Some(&evil)), false);
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("\"><img"), "{html}");
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;"));
        assert!(
            html.contains(r#"href="https://shop.example/?a=1&amp;b=&quot;&gt;&lt;script&gt;""#)
        );
        assert_eq!(html.matches("</title>").count(), 1);
    }

    #[test]
    fn a_test_link_carries_the_band_and_a_live_one_does_not() {
        let mut test = link();
        test.livemode = false;
        assert!(
            rewrite(SHELL, Subject::Link(Some(&test)), false)
                .contains("<body><p class=\"test-band\">Test payment — no real money</p>")
        );
        let live = rewrite(SHELL, Subject::Link(Some(&link())), false);
        assert!(
            !live.contains("test-band") && !live.contains("<style>"),
            "{live}"
        );
    }

    #[test]
    fn the_way_back_is_offered_only_for_a_web_cancel_url() {
        let mut with = link();
        with.cancel_url = Some("https://shop.example/cart".into());
        let html = rewrite(SHELL, Subject::Link(Some(&with)), false);
        assert!(html.contains(r#"<a class="button" href="https://shop.example/cart">"#));
        // One flex item inside the button, so the space before "to" is kept.
        assert!(html.contains("<span><span class=\"cancel-open\">Cancel and return</span><span class=\"cancel-ended\">Return</span> to Demo Coffee Roasters</span></a>"));
        with.cancel_url = Some("javascript:alert(1)".into());
        assert!(!rewrite(SHELL, Subject::Link(Some(&with)), false).contains("class=\"cancel\""));
        assert!(!rewrite(SHELL, Subject::Link(Some(&link())), false).contains("class=\"cancel\""));
    }

    #[test]
    fn framed_the_root_is_marked_escape_is_relayed_and_the_way_back_leaves_the_frame() {
        let mut with = link();
        with.cancel_url = Some("https://shop.example/cart".into());
        let html = rewrite(SHELL, Subject::Link(Some(&with)), true);
        assert!(html.contains(r#"<html class="embed" lang="en">"#));
        assert!(html.contains("paylink:close"));
        assert!(html.contains(r#"href="https://shop.example/cart" target="_top""#));
        let plain = rewrite(SHELL, Subject::Link(Some(&with)), false);
        assert!(!plain.contains("class=\"embed\"") && !plain.contains("paylink:close"));
        assert!(!plain.contains("_top"));
    }

    #[test]
    fn only_embed_1_asks_for_the_framed_look() {
        let query = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).into(), (*v).into()))
                .collect()
        };
        assert!(is_embed(&query(&[
            ("parent", "https://shop.example"),
            ("embed", "1")
        ])));
        assert!(!is_embed(&query(&[("embed", "0")])));
        assert!(!is_embed(&query(&[("noembed", "1")])));
        assert!(!is_embed(&[]));
    }

    #[test]
    fn a_shell_without_markers_is_returned_as_it_is() {
        assert_eq!(
            rewrite("<p>plain</p>", Subject::Link(Some(&link())), false),
            "<p>plain</p>"
        );
    }
}
