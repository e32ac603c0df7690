//! `Slug`: the public name of a payment link in `/l/{slug}`.

use core::fmt;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a string is not a slug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugError {
    /// Shorter than [`Slug::MIN_LEN`] or longer than [`Slug::MAX_LEN`].
    Length,
    /// A character outside `a-z`, `0-9` and `-`.
    Character,
    /// Starts or ends with `-`, or has `--`: such slugs read badly in URLs.
    Hyphen,
}

impl SlugError {
    /// Stable machine code.
    pub fn code(self) -> &'static str {
        match self {
            SlugError::Length => "slug_invalid_length",
            SlugError::Character => "slug_invalid_character",
            SlugError::Hyphen => "slug_invalid_hyphen",
        }
    }
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlugError::Length => "a slug has 3 to 64 characters",
            SlugError::Character => "a slug uses only lower-case letters, digits and hyphens",
            SlugError::Hyphen => "a slug may not start or end with a hyphen or repeat one",
        })
    }
}

impl std::error::Error for SlugError {}

/// A valid slug: `[a-z0-9-]{3,64}`, no leading, trailing or doubled hyphen.
/// The field is private, so every `Slug` in the program passed [`Slug::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 64;

    pub fn parse(input: &str) -> Result<Self, SlugError> {
        if !(Self::MIN_LEN..=Self::MAX_LEN).contains(&input.len()) {
            return Err(SlugError::Length);
        }
        if !input
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(SlugError::Character);
        }
        if input.starts_with('-') || input.ends_with('-') || input.contains("--") {
            return Err(SlugError::Hyphen);
        }
        Ok(Self(input.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A slug from a title plus a random `suffix` (lower-case hex), e.g. "Coffee Beans!" and
    /// "a1b2c3" give `coffee-beans-a1b2c3`; a title with no usable letters gives `link-a1b2c3`.
    pub fn from_title(title: &str, suffix: &str) -> Result<Self, SlugError> {
        let mut base = String::new();
        for c in title.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                base.push(c);
            } else if !base.ends_with('-') && !base.is_empty() {
                base.push('-');
            }
        }
        let mut base: String = base
            .chars()
            .take(Self::MAX_LEN - suffix.len() - 1)
            .collect();
        while base.ends_with('-') {
            base.pop();
        }
        if base.is_empty() {
            base.push_str("link");
        }
        Self::parse(&format!("{base}-{suffix}"))
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Slug {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        Slug::parse(&raw).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_accepts_lower_case_letters_digits_and_single_hyphens() {
        for ok in ["abc", "coffee-2", "a1-b2-c3", &"x".repeat(64)] {
            assert_eq!(Slug::parse(ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn slug_rejects_wrong_lengths() {
        assert_eq!(Slug::parse("ab"), Err(SlugError::Length));
        assert_eq!(Slug::parse(""), Err(SlugError::Length));
        assert_eq!(Slug::parse(&"x".repeat(65)), Err(SlugError::Length));
    }

    #[test]
    fn slug_rejects_characters_outside_the_alphabet() {
        for bad in ["Coffee", "caf\u{e9}x", "a_b", "a b", "a/b", "a.b"] {
            assert_eq!(Slug::parse(bad), Err(SlugError::Character), "{bad}");
        }
    }

    #[test]
    fn slug_rejects_leading_trailing_and_doubled_hyphens() {
        for bad in ["-abc", "abc-", "a--b"] {
            assert_eq!(Slug::parse(bad), Err(SlugError::Hyphen), "{bad}");
        }
    }

    #[test]
    fn slugs_from_titles_keep_letters_and_digits_and_add_the_suffix() {
        assert_eq!(
            Slug::from_title("Coffee Beans!", "a1b2c3")
                .unwrap()
                .as_str(),
            "coffee-beans-a1b2c3"
        );
        assert_eq!(
            Slug::from_title("  Café -- 2 kg ", "ff0000")
                .unwrap()
                .as_str(),
            "caf-2-kg-ff0000"
        );
        assert_eq!(
            Slug::from_title("€€€", "abcdef").unwrap().as_str(),
            "link-abcdef"
        );
        let long = Slug::from_title(&"word ".repeat(40), "abcdef").unwrap();
        assert!(long.as_str().len() <= Slug::MAX_LEN, "{long}");
        assert!(long.as_str().ends_with("-abcdef"));
    }

    #[test]
    fn slug_deserialises_only_valid_strings() {
        assert!(serde_json::from_str::<Slug>("\"good-slug\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Bad\"").is_err());
    }
}
