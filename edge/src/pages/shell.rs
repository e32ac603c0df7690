//! The pay page shell rewritten for one link or one checkout: its title and description, the
//! test-mode band, the way back to the merchant, the framed look, and the payer form. Pure text
//! work, done by the worker so the page's wasm carries none of it.

use shared::api::public::PublicLink;
use shared::api::sessions::PublicSession;
use shared::money::{Currency, FiatAmount};
use shared::payer::{PublicFormView, SubmitLabel};

use crate::pages::payer_form::Prefill;
use crate::pages::payer_shell::{self, means, verb};

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

    fn form(&self) -> Option<&PublicFormView> {
        match self {
            Subject::Link(link) => link.map(|l| &l.form),
            Subject::Checkout(session) => session.map(|s| &s.form),
        }
    }

    fn submit_label(&self) -> SubmitLabel {
        self.form().map(|f| f.submit_label).unwrap_or_default()
    }

    /// Whether the customer can pay now, so the payer fields are wanted.
    fn is_payable(&self) -> bool {
        match self {
            Subject::Link(link) => link.is_some_and(|l| l.state == "payable"),
            Subject::Checkout(session) => session.is_some_and(|s| s.status == "open"),
        }
    }

    /// The price of one, which a quantity multiplies: a fixed link's amount, a session's unit.
    fn unit_price(&self) -> Option<FiatAmount> {
        let (amount, currency) = match self {
            Subject::Link(Some(link)) if link.kind == "fixed" => {
                (link.amount.as_deref()?, link.currency.as_str())
            }
            Subject::Checkout(Some(session)) => {
                (session.unit_amount.as_str(), session.currency.as_str())
            }
            _ => return None,
        };
        FiatAmount::parse(amount, Currency::parse(currency).ok()?).ok()
    }

    /// Whether the customer picks how many: the price reads "each".
    fn each(&self) -> &'static str {
        match self.form() {
            Some(form) if form.adjustable_quantity.enabled => " each",
            _ => "",
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

/// "Pay Demo Coffee Roasters — House blend, 250 g" ("Donate to", "Book with" for those
/// `submit_label`s); unescaped.
pub fn title(subject: Subject<'_>) -> String {
    let verb = verb(subject.submit_label());
    match subject {
        Subject::Link(Some(link)) => format!("{verb} {} — {}", link.merchant_name, link.title),
        Subject::Link(None) => "Payment link not found — Paylink".into(),
        Subject::Checkout(Some(session)) => match &session.title {
            Some(title) => format!("{verb} {} — {title}", session.merchant_name),
            None => format!("{verb} {}", session.merchant_name),
        },
        Subject::Checkout(None) => "Checkout not found — Paylink".into(),
    }
}

/// One sentence for search results and link previews: who, what, how much, how; unescaped.
pub fn description(subject: Subject<'_>) -> String {
    let means = means(subject.submit_label());
    let each = subject.each();
    match subject {
        Subject::Link(None) => "This payment link does not exist or is no longer available.".into(),
        Subject::Checkout(None) => "This checkout does not exist.".into(),
        Subject::Link(Some(link)) => {
            let price = match &link.amount {
                Some(amount) => format!("{amount} {}{each}", link.currency),
                None => format!("an amount you choose in {}", link.currency),
            };
            format!(
                "{}: {}, {price}. {means} {} on {}.",
                link.merchant_name,
                link.title,
                link.assets.join(", "),
                link.chain_name
            )
        }
        Subject::Checkout(Some(session)) => format!(
            "{}: {}{} {}{each}. {means} {} on {}.",
            session.merchant_name,
            session
                .title
                .as_deref()
                .map(|t| format!("{t}, "))
                .unwrap_or_default(),
            // With a quantity to pick, the price of one.
            if each.is_empty() {
                &session.amount
            } else {
                &session.unit_amount
            },
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

/// The styles of what [`body_start`] adds; empty when it adds nothing styled.
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
    css
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
/// and description name the merchant and what is paid, the root carries `embed` when framed by
/// the one-line embed (and `data-submit` for the button's words), and the body starts with the
/// band, the way back and the payer form (`prefill`ed) while the customer can pay. A shell
/// without the expected markers is returned with what could be placed.
pub fn rewrite(shell: &str, subject: Subject<'_>, embed: bool, prefill: &Prefill) -> String {
    let payer = payer_shell::parts(
        subject.form(),
        subject.is_payable(),
        subject.unit_price(),
        prefill,
        subject.merchant_name().unwrap_or_default(),
    );
    let mut css = styles(subject, embed);
    css.push_str(&payer.style);
    let style = if css.is_empty() {
        css
    } else {
        format!("<style>{css}</style>")
    };
    let head = format!(
        r#"<title>{}</title><meta name="description" content="{}" />{style}{}"#,
        escape_html(&title(subject)),
        escape_html(&description(subject)),
        payer.head
    );
    let mut html = shell.replacen(TITLE, &head, 1);
    let root = [
        if embed { r#" class="embed""# } else { "" },
        &payer_shell::root_attribute(subject.submit_label()).unwrap_or_default(),
    ]
    .concat();
    if !root.is_empty() {
        html = html.replacen("<html", &format!("<html{root}"), 1);
    }
    let start = body_start(subject, embed) + &payer.body;
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
#[path = "shell_tests.rs"]
mod tests;
