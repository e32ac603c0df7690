//! A request's list of accepted assets (`assets` of a link or a checkout): each a known symbol,
//! each once, and not longer than the assets there are.

use crate::api::error::FieldError;
use crate::money::Asset;

/// The assets `raw` names, or every failure: `assets_required` for none, `assets_too_many`
/// for a list longer than the assets there are (refused whole, not with an error per entry:
/// a 64 KB body holds thousands), `assets_duplicate` and the symbol's own code per entry.
pub fn asset_list(raw: &[String]) -> Result<Vec<Asset>, Vec<FieldError>> {
    if raw.is_empty() {
        return Err(vec![FieldError::new(
            "assets",
            "assets_required",
            "Accept at least one asset.",
        )]);
    }
    if raw.len() > Asset::ALL.len() {
        return Err(vec![FieldError::new(
            "assets",
            "assets_too_many",
            format!("List each of the {} assets at most once.", Asset::ALL.len()),
        )]);
    }
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    for (i, symbol) in raw.iter().enumerate() {
        let param = format!("assets[{i}]");
        match Asset::parse(symbol) {
            Ok(asset) if assets.contains(&asset) => errors.push(FieldError::new(
                param,
                "assets_duplicate",
                format!("{symbol} is listed twice."),
            )),
            Ok(asset) => assets.push(asset),
            Err(e) => errors.push(FieldError::new(
                param.clone(),
                e.code(),
                format!("{param}: {e}."),
            )),
        }
    }
    if errors.is_empty() {
        Ok(assets)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(raw: &[&str]) -> Vec<(String, String)> {
        let raw: Vec<String> = raw.iter().map(|s| s.to_string()).collect();
        asset_list(&raw)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.param, e.code))
            .collect()
    }

    #[test]
    fn each_known_asset_once_is_accepted_in_order() {
        let raw = vec!["USDC".to_string(), "ETH".to_string()];
        assert_eq!(asset_list(&raw).unwrap(), [Asset::Usdc, Asset::Eth]);
    }

    #[test]
    fn every_rule_has_its_code() {
        assert_eq!(codes(&[]), [("assets".into(), "assets_required".into())]);
        assert_eq!(
            codes(&["ETH", "USDC", "EURC", "ETH"]),
            [("assets".into(), "assets_too_many".into())]
        );
        assert_eq!(
            codes(&["ETH", "ETH", "doge"]),
            [
                ("assets[1]".into(), "assets_duplicate".into()),
                ("assets[2]".into(), "asset_unsupported".into())
            ]
        );
    }
}
