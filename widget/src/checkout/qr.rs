//! The payment URI as a QR code: encoded by `qrcodegen`, drawn as one SVG path of dark modules.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code, on every side, as the QR standard asks for scanners.
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw: `size` counts the quiet zone, `path` holds every dark module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// Modules per side of the code itself (21 for version 1, 4 more per version).
    pub modules: usize,
    /// Side of the drawing in module units: `modules + 2 * QUIET_ZONE`.
    pub size: usize,
    /// SVG path data: one `M x y h n v1 h-n z` rectangle per horizontal run of dark modules.
    pub path: String,
}

impl QrSvg {
    /// Encodes `text` as bytes at medium error correction (raised when it fits the same
    /// version). `None` only past QR's capacity (~2.3 KB at medium), which no payment URI nears.
    pub fn encode(text: &str) -> Option<Self> {
        let code = QrCode::encode_binary(text.as_bytes(), QrCodeEcc::Medium).ok()?;
        Some(Self::draw(&code))
    }

    fn draw(code: &QrCode) -> Self {
        let side = code.size();
        let mut path = String::new();
        for y in 0..side {
            let mut x = 0;
            while x < side {
                if !code.get_module(x, y) {
                    x += 1;
                    continue;
                }
                // One rectangle per run keeps the path (and the DOM string) short.
                let start = x;
                while x < side && code.get_module(x, y) {
                    x += 1;
                }
                let run = x - start;
                let q = QUIET_ZONE as i32;
                path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + q, y + q));
            }
        }
        let modules = usize::try_from(side).unwrap_or_default();
        Self {
            modules,
            size: modules + 2 * QUIET_ZONE,
            path,
        }
    }
}

/// `text` for a double-quoted attribute value: `&`, `"` and `<` as character references.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
}

impl QrSvg {
    /// The code as one `<svg>` element, named by `label` for screen readers.
    pub fn markup(&self, label: &str) -> String {
        format!(
            "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {size} {size}\" \
             shape-rendering=\"crispEdges\" xmlns=\"http://www.w3.org/2000/svg\">\
             <path d=\"{}\" fill=\"currentColor\"/></svg>",
            attribute(label),
            self.path,
            size = self.size,
        )
    }
}

/// The QR code of `text` as inline SVG, announced to screen readers by `label`. Written as
/// markup: the page has no other SVG, and the view layer's SVG elements cost the page's size
/// budget more than this string does.
#[component]
pub fn QrCodeSvg(
    /// What the code holds: an EIP-681 payment URI.
    text: String,
    /// The accessible name, e.g. "QR code to pay 0.0041 ETH".
    label: String,
) -> impl IntoView {
    let markup = QrSvg::encode(&text).map(|qr| qr.markup(&label));
    view! { <div class="qr-art" inner_html=markup></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark cells named by a path, read back from its `M x y h n ...` rectangles.
    fn cells(path: &str) -> Vec<(usize, usize)> {
        path.split('M')
            .filter(|s| !s.is_empty())
            .flat_map(|rect| {
                let (head, rest) = rect.split_once('h').unwrap();
                let (x, y) = head.split_once(' ').unwrap();
                let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
                let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
                (x..x + run).map(move |cx| (cx, y))
            })
            .collect()
    }

    const ETH_URI: &str =
        "ethereum:0x9858EfFD232B4033E47d90003D41EC34EcaEda94@31337?value=4166666666666667";

    #[test]
    fn the_drawing_is_the_code_plus_a_quiet_zone_of_four_on_each_side() {
        let qr = QrSvg::encode(ETH_URI).unwrap();
        assert_eq!(qr.size, qr.modules + 8);
        let cells = cells(&qr.path);
        assert!(!cells.is_empty());
        for (x, y) in cells {
            assert!((4..4 + qr.modules).contains(&x), "x {x} in the quiet zone");
            assert!((4..4 + qr.modules).contains(&y), "y {y} in the quiet zone");
        }
    }

    #[test]
    fn the_version_follows_the_length_of_the_text() {
        // Version 1 (21 modules) holds 14 bytes at medium; 80 bytes need version 5 (37).
        assert_eq!(QrSvg::encode("ethereum:0x00").unwrap().modules, 21);
        assert_eq!(ETH_URI.len(), 80);
        assert_eq!(QrSvg::encode(ETH_URI).unwrap().modules, 37);
        let erc20 = "ethereum:0x5FbDB2315678afecb367f032d93F642f64180aa3@31337/transfer?\
                     address=0x9858EfFD232B4033E47d90003D41EC34EcaEda94&uint256=12500000";
        // A token transfer names two addresses: 134 bytes, version 8 (49 modules).
        assert_eq!(erc20.len(), 134);
        assert_eq!(QrSvg::encode(erc20).unwrap().modules, 49);
    }

    #[test]
    fn the_same_text_always_draws_the_same_path() {
        assert_eq!(QrSvg::encode(ETH_URI), QrSvg::encode(ETH_URI));
        assert_ne!(
            QrSvg::encode(ETH_URI).unwrap().path,
            QrSvg::encode(&ETH_URI.replace("4166", "4167"))
                .unwrap()
                .path
        );
    }

    #[test]
    fn the_three_finder_patterns_sit_in_their_corners() {
        let qr = QrSvg::encode(ETH_URI).unwrap();
        let dark: std::collections::HashSet<_> = cells(&qr.path).into_iter().collect();
        let n = qr.modules;
        // Each finder is a dark 7×7 ring around a light ring around a dark 3×3 centre.
        for (ox, oy) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for dy in 0..7 {
                for dx in 0..7 {
                    // Distance to the finder's edge: 0 is the outer ring, 1 the light one.
                    let depth = dx.min(dy).min(6 - dx).min(6 - dy);
                    let expect_dark = depth != 1;
                    let cell = (4 + ox + dx, 4 + oy + dy);
                    assert_eq!(
                        dark.contains(&cell),
                        expect_dark,
                        "finder at {ox},{oy}: {dx},{dy}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_markup_is_one_labelled_svg_whose_label_cannot_leave_its_attribute() {
        let qr = QrSvg::encode(ETH_URI).unwrap();
        let markup = qr.markup(r#"Pay "1 & 2" <b>"#);
        assert!(markup.starts_with(r#"<svg class="qr" role="img" aria-label="Pay &quot;1 &amp; 2&quot; &lt;b>" viewBox="0 0 45 45" "#));
        assert!(markup.contains(&format!(
            r#"<path d="{}" fill="currentColor"/></svg>"#,
            qr.path
        )));
        assert_eq!(
            markup.matches('<').count(),
            3,
            "svg, path and the closing tag only"
        );
    }

    #[test]
    fn text_past_the_capacity_of_qr_has_no_code() {
        assert!(QrSvg::encode(&"a".repeat(3000)).is_none());
    }
}
