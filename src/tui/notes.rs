//! Fixed explanations the browser shows beside the catalog's own text, worded once.

/// How a 5.x error looks in code, shown under every 5.x entry in the detail pane: people coming
/// from 4.x look for `getCode()` and do not find it.
pub const WEB5_ERROR_MODEL: &str = "In 5.x an error has `code` (one of 5000, 5100, 5200, 5300, \
5400, 5500, 5998, 5999) and `extraCode` (the detail, e.g. 5001, or the server's result under \
5400) as properties; there is no getCode(). `error.name` is the code's key \
(INVALID_PARAMETER). The SDK's console line ends in ` code:NNNN` in newer versions.";
