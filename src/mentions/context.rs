//! Rules 1–3: hex codes, keys, and numbers whose context says they are codes.

use crate::catalog::{Catalog, Category, Family};

use super::{is_error_code, Evidence};

/// A token that named one or more entries.
pub(super) struct Found {
    pub indices: Vec<usize>,
    pub token: String,
    pub evidence: Evidence,
}

const WEB4: &[Family] = &[Family::Web4];
const NATIVE: &[Family] = &[Family::Native];

/// Words that, right before a number, say it is a code; and the families they point to
/// (`None`: any family). Compared lower-case with the last `.` segment of the word before the
/// number (`error.code`, `e.extraCode`). The prose labels people write (`错误码`, `error code is`)
/// are in `prose::LABELS`.
pub(super) const CODE_WORDS: &[(&str, Option<&[Family]>)] = &[
    ("code", None),
    ("errorcode", None),
    ("error_code", None),
    ("err_code", None),
    ("errcode", None),
    ("extracode", None),
    ("extra_code", None),
    // `JSON.stringify(err)` of a 4.x RtcError: `{"code_":4100,"extraCode_":0,…}`.
    ("code_", Some(WEB4)),
    ("extracode_", Some(WEB4)),
    ("err", None),
    ("error", None),
    ("errno", None),
    ("errid", None),
    ("getcode", Some(WEB4)),
    ("getextracode", Some(WEB4)),
    ("warningcode", Some(NATIVE)),
    ("warncode", Some(NATIVE)),
    ("onerror", Some(NATIVE)),
    ("onwarning", Some(NATIVE)),
    // `onEnterRoom(result)`: a negative result is the error code.
    ("onenterroom", Some(NATIVE)),
];

/// Marks besides the code words that make numbers on a line codes: a hex code's `0x`, a 4.x
/// `RtcError` line, and `result` on a line that says it failed.
pub(super) const ANCHOR_MARKS: &[&str] = &["0x", "rtcerror", "result"];

/// Error types of other products whose codes share numbers with TRTC's (`{"code":65535,
/// "name":"TUICallEngineError"}` is TUICallKit's, not 4.x UNKNOWN): on a line naming one, numbers
/// are not read as TRTC codes (hex codes and keys still are).
pub(super) const FOREIGN_ERRORS: &[&str] = &[
    "TUICallEngineError",
    "PlatformException",
    "RoomError",
    "TIMError",
    "TencentImPlugin",
];

/// Words that say a text comes from the native SDK: there a native warning after a plain code
/// word (`code: 1102`) is meant; elsewhere `error code=3009` is some server's own code.
pub(super) const NATIVE_MARKERS: &[&str] = &[
    "TRTCCloud",
    "TXLiteAV",
    "LiteAV",
    "liteav",
    "trtc-electron-sdk",
    "onWarning",
    "onError",
    "Electron",
];

/// Rule 8's words that say a line is TRTC's: the native SDK's names, the module and tag of its
/// signalling log (`[signal_manager.cc:457][local-trtc]`), the product's name, a room entry.
pub(super) const TRTC_LINE_MARKERS: &[&str] = &[
    "TRTC",
    "trtc",
    "signal_manager",
    "进房",
    "进入房间",
    "enterRoom",
];

/// Rule 8's labels: the ones that name a code outright. Not `err`, `error`, `result` or
/// `错误信息` (they label any value), not a family's own word (`getCode`, `extraCode`: there the
/// family's rules decide).
pub(super) const NOT_IN_CATALOG_LABELS: &[&str] = &[
    "code",
    "errorcode",
    "error_code",
    "err_code",
    "errcode",
    "errid",
    // The native callbacks whose (negative) argument is the error code.
    "onerror",
    "onenterroom",
    "错误码",
    "错误代码",
    "错误号",
    "返回码",
    "报错码",
    "报",
    "error code is",
    "error code was",
    "error code of",
];

/// Rule 8: a negative number no entry has, after a label that names a code, on a TRTC line (or
/// after a native callback's name, which says as much), is a code the catalog lacks. Every TRTC native and room-server code is negative; a positive number
/// there is as often a count or an id, and another product's codes are what the line must not
/// be about (`names_foreign_error` lines never get here).
pub(super) fn not_in_catalog(
    line: &str,
    label: &str,
    value: i64,
    shown: &str,
    catalog: &Catalog,
) -> Option<Found> {
    let lower = label.to_lowercase();
    let last = lower.rsplit('.').next().unwrap_or(&lower);
    let labelled = NOT_IN_CATALOG_LABELS.contains(&last);
    (value < 0
        && labelled
        && catalog.indices_by_code(value).is_empty()
        && (names_native(line)
            || is_native_word(label)
            || TRTC_LINE_MARKERS.iter().any(|m| line.contains(m))))
    .then(|| Found {
        indices: Vec::new(),
        token: shown.to_string(),
        evidence: Evidence::NotInCatalog {
            word: label.to_string(),
        },
    })
}

pub(super) fn names_native(line: &str) -> bool {
    NATIVE_MARKERS.iter().any(|m| line.contains(m))
}

/// Does this code word point to the native SDK by itself (`warningCode`, `onError`)?
pub(super) fn is_native_word(word: &str) -> bool {
    context_word(word).is_some_and(|f| f == Some(NATIVE))
}

pub(super) fn names_foreign_error(line: &str) -> bool {
    FOREIGN_ERRORS.iter().any(|name| line.contains(name))
}

/// Words that, right before a number, say it is a code; and the families they point to.
fn context_word(word: &str) -> Option<Option<&'static [Family]>> {
    let lower = word.to_ascii_lowercase();
    let last = lower.rsplit('.').next().unwrap_or(&lower);
    CODE_WORDS
        .iter()
        .find(|(w, _)| *w == last)
        .map(|&(_, families)| families)
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Maximal runs of `[A-Za-z0-9_]`, with their byte offsets.
fn tokens(line: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = line.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = rest.peek() {
            if is_word_char(c) {
                break;
            }
            rest.next();
        }
        let (start, _) = *rest.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = rest.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            rest.next();
        }
        Some((start, &line[start..end]))
    })
}

/// The word before byte `start`, skipping the separators that join a label to its value
/// (`: = => " ' ( ) [ ] < ,` and spaces, at most a few of them), or `None`.
fn word_before(line: &str, start: usize) -> Option<&str> {
    let before = &line[..start];
    let mut end = before.len();
    let mut skipped = 0;
    for (i, c) in before.char_indices().rev() {
        if matches!(
            c,
            ' ' | ':' | '=' | '>' | '"' | '\'' | '(' | ')' | '[' | ']' | '<' | ',' | '：'
        ) {
            skipped += 1;
            end = i;
            if skipped > 8 {
                return None;
            }
        } else {
            break;
        }
    }
    if skipped == 0 && end == before.len() && !before.is_empty() {
        // Glued to a word (`id70001`) is never a label.
        return None;
    }
    let head = &before[..end];
    let word_start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.' || !c.is_ascii())
        .last()
        .map(|(i, _)| i)?;
    let word = &head[word_start..];
    (!word.is_empty()).then_some(word)
}

/// Does the line report a failure (so that a `result` on it is an error code)?
fn says_failed(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    lower.contains("fail") || lower.contains("error")
}

/// `< 16388` / `<- 16388`: the line is a console's answer to the expression typed before it.
/// `indent` is where the line's text starts: only a short head after it is looked at, so a line of
/// 32,000 blanks and 16,000 numbers costs no more than its length.
fn is_repl_answer(line: &str, indent: usize, start: usize) -> bool {
    if start < indent || start - indent > 8 {
        return false;
    }
    let head = line[indent..start].trim();
    matches!(head, "<" | "<-" | "<·" | "←" | "=>" | "<-  " | "< -")
}

/// The code-naming word an expression line ends with: `> error.getCode()` → `getCode`.
fn trailing_context(line: &str) -> Option<&str> {
    let trimmed = line.trim_end().trim_end_matches(';');
    let trimmed = trimmed.strip_suffix("()").unwrap_or(trimmed);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word_char(c) || c == '.')
        .last()
        .map(|(i, _)| i)?;
    let word = &trimmed[start..];
    context_word(word).map(|_| word)
}

/// Every rule-1–3 mention on one line; `previous` is the line before (for console answers).
pub(super) fn scan_line(line: &str, previous: Option<&str>, catalog: &Catalog) -> Vec<Found> {
    let mut out = Vec::new();
    let rtc_error_line = line.contains("RtcError");
    let indent = line.len() - line.trim_start().len();
    // Whether the line says it failed: looked up once a line, not once a number.
    let failed = std::cell::OnceCell::new();
    let foreign = names_foreign_error(line);
    for (start, token) in tokens(line) {
        let end = start + token.len();
        let before = line[..start].chars().next_back();
        let after = line[end..].chars().next();
        // A dot joined to a digit makes the number part of a version, a decimal or an address;
        // a colon before a number is a port or a line:column unless a label stands before it.
        let dotted = |c: Option<char>, other: Option<char>| {
            c == Some('.') && other.is_some_and(|o| o.is_ascii_digit())
        };
        let before_before = line[..start].chars().rev().nth(1);
        let after_after = line[end..].chars().nth(1);
        if dotted(before, before_before) || dotted(after, after_after) {
            continue;
        }
        if let Some(hex) = token
            .strip_prefix("0x")
            .or_else(|| token.strip_prefix("0X"))
        {
            // The SDK prints codes unpadded (`0x4004`); `0x00004004` is an address or a register.
            if hex.len() > 4 && hex.starts_with('0') {
                continue;
            }
            let Some(value) = crate::query::parse_hex(hex) else {
                continue;
            };
            let indices: Vec<usize> = catalog
                .indices_by_code(value)
                .iter()
                .copied()
                .filter(|&i| catalog.entry(i).is_hex())
                .collect();
            if !indices.is_empty() {
                out.push(Found {
                    indices,
                    token: token.to_string(),
                    evidence: Evidence::HexCode,
                });
            }
            continue;
        }
        if token.bytes().all(|b| b.is_ascii_digit()) {
            if foreign {
                continue;
            }
            // A console REPL answer (`< 16388`) is labelled by the expression on the line before.
            let repl_answer = previous
                .filter(|_| is_repl_answer(line, indent, start))
                .and_then(trailing_context);
            if let Some(found) = number(
                line,
                start,
                token,
                catalog,
                rtc_error_line,
                repl_answer,
                &failed,
            ) {
                out.push(found);
            }
            continue;
        }
        // Keys are matched as written (case-sensitive), so the English word "unknown" is not UNKNOWN.
        let indices: Vec<usize> = catalog
            .indices_by_name(token)
            .iter()
            .copied()
            .filter(|&i| catalog.entry(i).names().any(|n| n == token))
            .collect();
        if indices.is_empty() {
            continue;
        }
        let one_word = !token.contains('_');
        if one_word && word_before(line, start).and_then(context_word).is_none() {
            continue;
        }
        out.push(Found {
            indices,
            token: token.to_string(),
            evidence: Evidence::Key,
        });
    }
    out
}

/// A number as written: its minus sign (ASCII or U+2212, as docs print it) right before the
/// digits, where the text before it ends, its value and how it was written.
pub(super) struct Written {
    pub negative: bool,
    pub label_end: usize,
    pub value: i64,
    pub shown: String,
}

pub(super) fn written(line: &str, start: usize, token: &str) -> Option<Written> {
    let before = &line[..start];
    let (negative, label_end) = if let Some(b) = before.strip_suffix('-') {
        (true, b.len())
    } else if let Some(b) = before.strip_suffix('\u{2212}') {
        (true, b.len())
    } else {
        (false, start)
    };
    let magnitude: i64 = token.parse().ok()?;
    // 0 means success everywhere (native ERR_NULL): `errCode:0` reports that nothing failed.
    if magnitude == 0 {
        return None;
    }
    Some(Written {
        negative,
        label_end,
        value: if negative { -magnitude } else { magnitude },
        shown: if negative {
            format!("-{token}")
        } else {
            token.to_string()
        },
    })
}

/// The entries a number in a code context names. An extraCode is a 5.x extraCode or a server code
/// (4.x account codes), never a public code; a plain code word names anything but a web warning
/// (native warnings arrive as `code: 1102` in app logs too).
pub(super) fn resolve(
    catalog: &Catalog,
    value: i64,
    families: Option<&[Family]>,
    extra: bool,
) -> Vec<usize> {
    catalog
        .indices_by_code(value)
        .iter()
        .copied()
        .filter(|&i| {
            let e = catalog.entry(i);
            let family_ok = families.is_none_or(|f| f.contains(&e.family));
            let kind_ok = if extra {
                matches!(e.category, Category::Extra | Category::Account)
            } else {
                is_error_code(e.category) || e.family == Family::Native
            };
            family_ok && kind_ok
        })
        .collect()
}

/// A native code written without its minus (`错误码3301` for -3301): native errors are negative,
/// so when no entry at all has the positive number, the negative native one is meant.
pub(super) fn sign_dropped(
    catalog: &Catalog,
    value: i64,
    families: Option<&[Family]>,
) -> Vec<usize> {
    if value <= 0
        || !catalog.indices_by_code(value).is_empty()
        || families.is_some_and(|f| !f.contains(&Family::Native))
    {
        return Vec::new();
    }
    resolve(catalog, -value, Some(NATIVE), false)
}

/// A number: a mention only in a code context.
fn number(
    line: &str,
    start: usize,
    token: &str,
    catalog: &Catalog,
    rtc_error_line: bool,
    previous_context: Option<&str>,
    failed: &std::cell::OnceCell<bool>,
) -> Option<Found> {
    let Written {
        negative,
        label_end,
        value,
        shown,
    } = written(line, start, token)?;
    let word = word_before(line, label_end).or(previous_context);
    // `Join room failed result: 70001`: a result is a code only on a line that says it failed.
    let failure_result = word.is_some_and(|w| w.eq_ignore_ascii_case("result"))
        && *failed.get_or_init(|| says_failed(line));
    // The web SDKs log `Join room failed result: N`; native code reports results through callbacks.
    const WEB: &[Family] = &[Family::Web4, Family::Web5];
    let families = word
        .and_then(context_word)
        .or(failure_result.then_some(Some(WEB)));
    let (evidence, families) = match (families, word) {
        (Some(families), Some(word)) => (
            Evidence::CodeContext {
                word: word.to_string(),
            },
            families,
        ),
        _ if rtc_error_line && !negative => (Evidence::RtcErrorLine, Some(&[Family::Web4][..])),
        _ => return None,
    };
    // `onEnterRoom(result)`: a positive result is the time it took, only a negative one a code.
    if !negative && word.is_some_and(|w| w.eq_ignore_ascii_case("onenterroom")) {
        return None;
    }
    let extra = word.is_some_and(|w| {
        let w = w.to_ascii_lowercase();
        ["extracode", "extra_code", "extracode_"]
            .iter()
            .any(|e| w.ends_with(e))
    });
    let indices = resolve(catalog, value, families, extra);
    if !indices.is_empty() {
        return Some(Found {
            indices,
            token: shown,
            evidence,
        });
    }
    let Evidence::CodeContext { word } = evidence else {
        return None;
    };
    if negative {
        return not_in_catalog(line, &word, value, &shown, catalog);
    }
    let indices = if extra {
        Vec::new()
    } else {
        sign_dropped(catalog, value, families)
    };
    (!indices.is_empty()).then_some(Found {
        indices,
        token: shown,
        evidence: Evidence::SignAssumed { word },
    })
}
