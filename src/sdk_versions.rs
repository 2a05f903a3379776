//! The Web SDK versions published on npm, so that a version nobody published (`5.0.0`) is refused
//! with the nearby real ones instead of silently matching nothing. From `npm view trtc-js-sdk
//! versions` and `npm view trtc-sdk-v5 versions` (pre-releases are read as their release number,
//! as [`SdkVersion::parse`] reads them); the same lists as `versions_read` in
//! `tests/fixtures/sdk/web4/raised.json` and `web5/extract.json`.

use crate::catalog::{Family, SdkVersion};

const TRTC_JS_SDK: &[&str] = &[
    "4.3.2", "4.3.3", "4.3.10", "4.3.13", "4.3.14", "4.4.0", "4.6.1", "4.6.2", "4.6.3", "4.6.4",
    "4.6.5", "4.6.6", "4.6.7", "4.7.1", "4.8.3", "4.8.4", "4.8.6", "4.10.2", "4.11.1", "4.11.4",
    "4.11.6", "4.11.10", "4.11.13", "4.12.0", "4.12.1", "4.12.3", "4.12.7", "4.14.3", "4.14.4",
    "4.15.0", "4.15.1", "4.15.2", "4.15.17", "4.15.20", "4.15.21", "4.15.22",
];

const TRTC_SDK_V5: &[&str] = &[
    "5.2.0",
    "5.5.2",
    "5.6.2",
    "5.7.0",
    "5.8.0",
    "5.8.3",
    "5.8.5-beta.5",
    "5.8.6",
    "5.8.7-beta.1",
    "5.11.1",
    "5.13.0-beta.18",
    "5.13.0-beta.22",
    "5.14.1",
    "5.15.0-beta.25",
    "5.15.0",
    "5.16.0",
    "5.16.1-beta.12",
    "5.17.0",
    "5.17.1-kit.1",
    "5.17.1",
];

/// The published versions of `family`'s package, oldest first; empty for the native SDK and the
/// server (whose codes are dated by the SDKs that carry them).
pub fn published(family: Family) -> Vec<SdkVersion> {
    let list = match family {
        Family::Web4 => TRTC_JS_SDK,
        Family::Web5 => TRTC_SDK_V5,
        Family::Native | Family::Server => &[],
    };
    let mut versions: Vec<SdkVersion> = list.iter().filter_map(|v| SdkVersion::parse(v)).collect();
    versions.dedup();
    versions
}

/// Was `v` published? `Err` holds the published versions nearest to it (up to two older, three
/// newer) when it was not.
pub fn check(v: SdkVersion) -> Result<(), Vec<SdkVersion>> {
    let Some(family) = v.family() else {
        return Err(Vec::new());
    };
    let versions = published(family);
    match versions.binary_search(&v) {
        Ok(_) => Ok(()),
        Err(at) => Err(versions[at.saturating_sub(2)..(at + 3).min(versions.len())].to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> SdkVersion {
        SdkVersion::parse(text).unwrap()
    }

    #[test]
    fn published_versions_pass_and_others_get_their_neighbours() {
        assert!(check(v("4.15.22")).is_ok() && check(v("5.8.6")).is_ok());
        assert!(check(v("5.16.1")).is_ok(), "a pre-release's release number");
        assert_eq!(
            check(v("5.0.0")),
            Err(vec![v("5.2.0"), v("5.5.2"), v("5.6.2")])
        );
        assert_eq!(
            check(v("4.5.0")),
            Err(vec![
                v("4.3.14"),
                v("4.4.0"),
                v("4.6.1"),
                v("4.6.2"),
                v("4.6.3")
            ])
        );
        assert_eq!(check(v("5.99.0")), Err(vec![v("5.17.0"), v("5.17.1")]));
    }
}
