//! How the dashboard writes times, amounts and chain links, without the browser: pure, so
//! the host tests check every rule.

use shared::chain::Chain;
use shared::money::{Asset, CryptoAmount};

/// Days since 1970-01-01 as (year, month, day) in the proleptic Gregorian calendar.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) as days since 1970-01-01; the inverse of [`civil`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Unix seconds as `2026-12-02 04:33 UTC`: one zone for every merchant reading the same log.
pub fn time(unix: i64) -> String {
    let (date, hm) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    let (y, m, d) = civil(date);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        hm / 3600,
        hm % 3600 / 60
    )
}

/// Unix seconds as a `datetime-local` input value (`2026-12-02T04:33`), in UTC.
pub fn input_time(unix: i64) -> String {
    time(unix).trim_end_matches(" UTC").replacen(' ', "T", 1)
}

/// A `datetime-local` value (`YYYY-MM-DDTHH:MM`, seconds optional) read as UTC.
pub fn parse_input_time(text: &str) -> Option<i64> {
    let (date, clock) = text.trim().split_once('T')?;
    let mut d = date.split('-');
    let (y, m, day) = (d.next()?, d.next()?, d.next()?);
    let mut c = clock.split(':');
    let (h, min) = (c.next()?, c.next()?);
    let sec = c.next().unwrap_or("0");
    let num = |s: &str, max: u32| s.parse::<u32>().ok().filter(|n| *n <= max);
    let (month, day) = (
        num(m, 12).filter(|m| *m >= 1)?,
        num(day, 31).filter(|d| *d >= 1)?,
    );
    let year: i64 = y.parse().ok().filter(|y| (1970..=9999).contains(y))?;
    let days = days_from_civil(year, month, day);
    if civil(days) != (year, month, day) {
        return None;
    }
    let (h, min, sec) = (num(h, 23)?, num(min, 59)?, num(sec, 59)?);
    Some(days * 86_400 + i64::from(h * 3600 + min * 60 + sec))
}

/// Base units of `asset` as whole units with the symbol (`0.005 ETH`); the text as sent
/// when it is not an amount of that asset, so nothing is hidden.
pub fn units(base_units: &str, asset: &str) -> String {
    match Asset::parse(asset)
        .ok()
        .and_then(|a| CryptoAmount::parse_base_units(base_units, a).ok())
    {
        Some(amount) => format!("{amount} {asset}"),
        None => format!("{base_units} (base units of {asset})"),
    }
}

/// Where a block explorer shows transaction `hash` on `chain`; `None` on chains without a
/// public explorer (the local test chain).
pub fn tx_url(chain: &str, hash: &str) -> Option<String> {
    explorer(chain).map(|base| format!("{base}/tx/{hash}"))
}

/// Where a block explorer shows `address` on `chain`.
pub fn address_url(chain: &str, address: &str) -> Option<String> {
    explorer(chain).map(|base| format!("{base}/address/{address}"))
}

fn explorer(chain: &str) -> Option<&'static str> {
    match Chain::parse(chain)? {
        Chain::Ethereum => Some("https://etherscan.io"),
        Chain::Base => Some("https://basescan.org"),
        Chain::Sepolia => Some("https://sepolia.etherscan.io"),
        Chain::BaseSepolia => Some("https://sepolia.basescan.org"),
        Chain::Anvil => None,
    }
}

/// The one-line embed of a link, as the README documents it.
pub fn embed_snippet(origin: &str, slug: &str) -> String {
    format!("<script src=\"{origin}/embed.js\" data-link=\"{slug}\"></script>")
}

/// A link's QR code as a file: black modules on white with the quiet zone, so it prints and
/// scans anywhere (the pay page draws it in the text colour instead).
pub fn qr_file(text: &str) -> Option<String> {
    let qr = paylink_widget::checkout::qr::QrSvg::encode(text)?;
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {s} {s}\" width=\"{px}\" \
         height=\"{px}\" shape-rendering=\"crispEdges\"><rect width=\"{s}\" height=\"{s}\" \
         fill=\"#fff\"/><path d=\"{}\" fill=\"#000\"/></svg>\n",
        qr.path,
        s = qr.size,
        px = qr.size * 8,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_utc_to_the_minute() {
        assert_eq!(time(0), "1970-01-01 00:00 UTC");
        assert_eq!(time(1_796_185_980), "2026-12-02 04:33 UTC");
        assert_eq!(time(951_782_400), "2000-02-29 00:00 UTC");
        assert_eq!(time(253_402_300_799), "9999-12-31 23:59 UTC");
    }

    #[test]
    fn an_input_time_round_trips_and_impossible_dates_are_refused() {
        assert_eq!(input_time(1_796_185_980), "2026-12-02T04:33");
        assert_eq!(parse_input_time("2026-12-02T04:33"), Some(1_796_185_980));
        assert_eq!(parse_input_time("2026-12-02T04:33:20"), Some(1_796_186_000));
        assert_eq!(parse_input_time("2000-02-29T00:00"), Some(951_782_400));
        for bad in [
            "",
            "2026-02-30T00:00",
            "2025-02-29T00:00",
            "2026-13-01T00:00",
            "2026-12-02T24:00",
            "2026-12-02",
            "x-y-zT1:2",
        ] {
            assert_eq!(parse_input_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn base_units_read_as_whole_units_of_their_asset() {
        assert_eq!(units("5000000000000000", "ETH"), "0.005 ETH");
        assert_eq!(units("12500000", "USDC"), "12.5 USDC");
        assert_eq!(units("0", "EURC"), "0 EURC");
        assert_eq!(units("12", "DOGE"), "12 (base units of DOGE)");
        assert_eq!(units("1.5", "ETH"), "1.5 (base units of ETH)");
    }

    #[test]
    fn explorer_links_exist_for_public_chains_only() {
        assert_eq!(
            tx_url("base", "0xab").as_deref(),
            Some("https://basescan.org/tx/0xab")
        );
        assert_eq!(
            address_url("sepolia", "0x1").as_deref(),
            Some("https://sepolia.etherscan.io/address/0x1")
        );
        assert_eq!(tx_url("anvil", "0xab"), None);
        assert_eq!(tx_url("dogechain", "0xab"), None);
    }

    #[test]
    fn the_embed_snippet_names_the_loader_and_the_slug() {
        assert_eq!(
            embed_snippet("https://pay.example", "coffee"),
            "<script src=\"https://pay.example/embed.js\" data-link=\"coffee\"></script>"
        );
    }

    #[test]
    fn the_qr_file_is_a_standalone_svg_with_a_white_ground() {
        let svg = qr_file("https://pay.example/l/coffee").unwrap();
        assert!(svg.starts_with("<?xml"));
        assert!(svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("fill=\"#fff\""));
        assert!(svg.contains("<path d=\"M"));
    }
}
