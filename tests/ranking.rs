//! The ranking rules (README "How results are ranked"), as a table: query → expected top result.

use trtc_errors::catalog::{Catalog, Family, Scope};
use trtc_errors::query::Query;
use trtc_errors::search::{MatchKind, SearchIndex};

/// The 4.x table was written for the 4.x catalog: it runs within that family (`--sdk web4`).
fn web4() -> Scope {
    Scope {
        family: Some(Family::Web4),
        ..Scope::default()
    }
}

fn top(catalog: &Catalog, index: &SearchIndex, query: &str) -> Option<(String, Option<MatchKind>)> {
    top_in(catalog, index, query, web4())
        .map(|(q, k)| (q.trim_start_matches("web4:").to_string(), k))
}

fn top_in(
    catalog: &Catalog,
    index: &SearchIndex,
    query: &str,
    scope: Scope,
) -> Option<(String, Option<MatchKind>)> {
    index
        .search(catalog, &Query::parse(query), scope)
        .first()
        .map(|h| (catalog.entries()[h.index].qualified(), h.kind))
}

#[test]
fn top_result_table() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    use MatchKind::*;
    let table: &[(&str, &str, MatchKind)] = &[
        // codes in every reading
        ("0x4004", "0x4004", Code),
        ("0X4004", "0x4004", Code),
        ("0x404a", "0x404A", Code),
        ("16388", "0x4004", Code),
        ("4004", "0x4004", Code),
        ("4096", "0x1000", Code),
        ("4100", "0x1004", Code),
        ("65535", "0xFFFF", Code),
        ("ffff", "0xFFFF", Code),
        ("70001", "70001", Code),
        ("-8", "-8", Code),
        ("１６３８８", "0x4004", Code),
        ("０ｘ４００４", "0x4004", Code),
        // keys: exact, lowercase, alias, prefix, typo
        ("JOIN_ROOM_FAILED", "0x4004", ExactKey),
        ("join_room_failed", "0x4004", ExactKey),
        ("SIGNAL_CHANNEL_SETUP_FAILED", "0x4001", ExactKey),
        ("SIGNAL_CAHNNEL_SETUP_FAILED", "0x4001", ExactKey),
        ("unknown", "0xFFFF", ExactKey),
        ("UNKOWN", "0xFFFF", ExactKey),
        ("join", "0x4004", KeyPrefix),
        ("Join", "0x4004", KeyPrefix),
        ("play", "0x4043", KeyPrefix),
        ("client", "0x4040", KeyPrefix),
        ("0x40", "0x4001", KeyPrefix),
        ("SIGNAL_CHANEL_SETUP", "0x4001", FuzzyKey),
        ("CHANEL_ERR", "0x4002", FuzzyKey),
        ("subscrption", "0x4042", FuzzyKey),
        ("h264", "0x4049", FuzzyKey),
        ("join fail", "0x4004", FuzzyKey),
        ("uplink reconn", "0x4007", FuzzyKey),
        // Chinese words
        ("进房", "0x4004", Description),
        ("签名", "70002", Description),
        ("黑名单", "70051", Description),
        ("自动播放", "0x4043", Description),
        ("公钥", "70009", Description),
        // English words
        ("expired", "70001", Description),
        ("autoplay", "0x4043", Description),
        ("blacklisted", "70051", Description),
        ("sdkAppId wrong", "-8", Description),
        // pinyin, full and initials, mixed with Latin words
        ("guoqi", "70001", Pinyin),
        ("gq", "70001", Pinyin),
        ("qianming", "70002", Pinyin),
        ("jinfang", "0x4004", Pinyin),
        ("heimingdan", "70051", Pinyin),
        ("usersig guoqi", "70001", Pinyin),
        // operators
        ("'CDN", "0x4045", Exact),
        ("^STOP", "0x4046", KeyPrefix),
        ("TIMEOUT$", "0x4041", Suffix),
        ("timeout !server", "0x4042", FuzzyKey),
        // OR, several codes, negations alone
        ("kicked | banned", "0x4040", FuzzyKey),
        ("banned | kicked", "0x4040", FuzzyKey),
        ("0x4004 | 70001", "0x4004", Code),
        ("70001 | 0x4004", "0x4004", Code),
        ("0x4004 70001", "0x4004", Code),
        ("0x4004,70001", "0x4004", Code),
        ("!account", "0x1000", NotExcluded),
        ("!invalid !operation", "0x1002", NotExcluded),
    ];
    assert!(table.len() >= 40);
    let mut failures = Vec::new();
    for &(query, expected, kind) in table {
        let got = top(&catalog, &index, query);
        if got.as_ref().map(|(d, k)| (d.as_str(), *k)) != Some((expected, Some(kind))) {
            failures.push(format!(
                "{query:?}: expected {expected} by {kind:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_kinds_rank_in_the_documented_order() {
    use MatchKind::*;
    let order = [
        Code,
        ExactKey,
        KeyPrefix,
        FuzzyKey,
        Description,
        FuzzyDescription,
        Pinyin,
    ];
    assert!(order.windows(2).all(|w| w[0] > w[1]));
}

#[test]
fn chinese_and_pinyin_find_both_expired_codes_and_nothing_loose() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    for query in ["过期", "guoqi", "gq"] {
        // Advice that mentions the word (0x4001's, about account codes) may follow; the
        // entries whose own words say it are exactly the two.
        let hits: Vec<String> = index
            .search(&catalog, &Query::parse(query), web4())
            .iter()
            .filter(|h| h.kind > Some(MatchKind::Advice))
            // The 4.x tab also lists the server codes 4.x carries (70001 among them); the 4.x
            // rows are what this counts.
            .filter(|h| catalog.entries()[h.index].family == Family::Web4)
            .map(|h| catalog.entries()[h.index].display())
            .collect();
        assert!(
            hits.contains(&"70001".to_string()) && hits.contains(&"70347".to_string()),
            "{query}: {hits:?}"
        );
        if query != "gq" {
            assert_eq!(hits.len(), 2, "{query}: {hits:?}");
        }
    }
}

#[test]
fn pinyin_ranks_below_direct_hits() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let hits = index.search(&catalog, &Query::parse("gq"), Scope::default());
    let kinds: Vec<_> = hits.iter().map(|h| h.kind).collect();
    let first_pinyin = kinds
        .iter()
        .position(|k| *k == Some(MatchKind::Pinyin))
        .unwrap_or(kinds.len());
    // After the first pinyin hit come only pinyin hits and weaker ones (advice, loose fuzzy).
    assert!(kinds[first_pinyin..]
        .iter()
        .all(|k| k.is_some_and(|k| k <= MatchKind::Pinyin)));
}

/// Across every family: the words developers type, 5.x and native codes, and loose letters that
/// must not outrank real words.
#[test]
fn cross_family_table() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    use MatchKind::*;
    let table: &[(&str, &str, MatchKind)] = &[
        ("5000", "web5:5000", Code),
        ("5013", "web5:5013", Code),
        ("-3301", "native:-3301", Code),
        ("ERR_ROOM_ENTER_FAIL", "native:-3301", ExactKey),
        ("ROOM_ENTER_FAIL", "native:-3301", FuzzyKey),
        ("16388", "web4:0x4004", Code),
        ("进房失败", "web4:0x4004", Description),
        ("firewall", "web5:5501", KeyPrefix),
        ("NotAllowedError", "web5:5302", FuzzyKey),
        // 0x1003 and 0x1004 both name getUserMedia; ties keep catalog order, 4.x first.
        ("getUserMedia", "web4:0x1003", Keyword),
        ("udp", "native:-3307", Description),
        ("truncated", "native:-70004", Description),
        ("autoplay", "web4:0x4043", Description),
        ("enter room fail", "native:-3301", FuzzyKey),
        ("-3301 | 5000", "web5:5000", Code),
        ("进房 | 5013", "web5:5013", Code),
    ];
    let mut failures = Vec::new();
    for &(query, expected, kind) in table {
        let got = top_in(&catalog, &index, query, Scope::default());
        if got.as_ref().map(|(d, k)| (d.as_str(), *k)) != Some((expected, Some(kind))) {
            failures.push(format!(
                "{query:?}: expected {expected} by {kind:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn letters_scattered_across_words_rank_below_every_word_hit() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let hits = index.search(&catalog, &Query::parse("screen"), Scope::default());
    let reconnect = hits
        .iter()
        .position(|h| catalog.entries()[h.index].display() == "0x4006");
    if let Some(at) = reconnect {
        assert_eq!(hits[at].kind, Some(MatchKind::LooseFuzzy));
        assert!(hits[..at]
            .iter()
            .all(|h| h.kind > Some(MatchKind::LooseFuzzy)));
    }
    // A real screen-share code comes first.
    assert!(catalog.entries()[hits[0].index]
        .key
        .as_deref()
        .is_some_and(|k| k.contains("SCREEN")));
}

fn web5() -> Scope {
    Scope {
        family: Some(Family::Web5),
        ..Scope::default()
    }
}

fn native() -> Scope {
    Scope {
        family: Some(Family::Native),
        ..Scope::default()
    }
}

/// 5.x and native codes within their own family (`--sdk web5`, `--sdk native`).
#[test]
fn within_one_family_table() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    use MatchKind::*;
    let table: &[(&str, Scope, &str, MatchKind)] = &[
        ("5000", web5(), "web5:5000", Code),
        ("5013", web5(), "web5:5013", Code),
        ("INVALID_PARAMETER", web5(), "web5:5000", ExactKey),
        ("invalid_parameter", web5(), "web5:5000", ExactKey),
        ("5000 5013", web5(), "web5:5000", Code),
        ("-3301", native(), "native:-3301", Code),
        ("ERR_ROOM_ENTER_FAIL", native(), "native:-3301", ExactKey),
        ("ROOM_ENTER_FAIL", native(), "native:-3301", FuzzyKey),
        ("enter room fail", native(), "native:-3301", FuzzyKey),
        ("'ENTER_FAIL", native(), "native:-3301", Exact),
        ("ENTER_FAIL$", native(), "native:-3301", Suffix),
    ];
    let mut failures = Vec::new();
    for &(query, scope, expected, kind) in table {
        let got = top_in(&catalog, &index, query, scope);
        if got.as_ref().map(|(d, k)| (d.as_str(), *k)) != Some((expected, Some(kind))) {
            failures.push(format!(
                "{query:?}: expected {expected} by {kind:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Words that appear only in what an entry says (its advice, what raises it) or that developers
/// type for the failure: the entry is among the first `within` hits, found by one of `kinds`.
/// Keyword or advice both count, so the table holds before and after curated keywords are added.
#[test]
fn words_of_the_answer_find_the_entry() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    use MatchKind::*;
    let table: &[(&str, Scope, &str, usize, &[MatchKind])] = &[
        // 0x4001 means the server answered (the WebSocket was reachable): firewalls are
        // 0x4002 (signalling) and 0x4003 (media, UDP).
        ("firewall", web4(), "web4:0x4002", 2, &[Advice, Keyword]),
        ("firewall", web4(), "web4:0x4003", 2, &[Advice, Keyword]),
        ("udp", web4(), "web4:0x4003", 1, &[Advice, Keyword]),
        ("防火墙", web4(), "web4:0x4003", 2, &[Advice, Keyword]),
        (
            "NotAllowedError",
            web4(),
            "web4:0x1004",
            3,
            &[Advice, Keyword],
        ),
        ("autoplay", web4(), "web4:0x4043", 1, &[Description]),
        ("firewall", web5(), "web5:5501", 1, &[KeyPrefix]),
        ("udp", web5(), "web5:5501", 1, &[Keyword]),
        ("getUserMedia", web5(), "web5:5300", 1, &[Keyword]),
        ("NotAllowedError", web5(), "web5:5302", 1, &[FuzzyKey]),
        ("truncated", native(), "native:-70004", 2, &[Description]),
    ];
    let mut failures = Vec::new();
    for &(query, scope, expected, within, kinds) in table {
        let hits = index.search(&catalog, &Query::parse(query), scope);
        let found = hits
            .iter()
            .take(within)
            .find(|h| catalog.entries()[h.index].qualified() == expected);
        match found {
            Some(h) if h.kind.is_some_and(|k| kinds.contains(&k)) => {}
            other => failures.push(format!(
                "{query:?}: expected {expected} by one of {kinds:?} in the first {within}, got {:?}",
                other.map(|h| h.kind).ok_or_else(|| hits
                    .iter()
                    .take(within)
                    .map(|h| catalog.entries()[h.index].qualified())
                    .collect::<Vec<_>>())
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Words found through the 4.x catalog's curated keywords (assets/catalog.toml).
#[test]
fn web4_words_that_need_keywords() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let table: &[(&str, &str)] = &[
        ("kicked", "web4:0x4040"),
        ("kicked | banned", "web4:0x4040"),
        ("getUserMedia", "web4:0x1003"),
        ("truncated", "web4:70003"),
    ];
    let mut failures = Vec::new();
    for &(query, expected) in table {
        let got = top_in(&catalog, &index, query, web4());
        if got.as_ref().map(|(d, _)| d.as_str()) != Some(expected) {
            failures.push(format!("{query:?}: expected {expected}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Letters picked from inside several words of a key are shown only above the floor: none of
/// these queries means the keys its letters can be found scattered in.
#[test]
fn loose_letters_under_the_floor_are_not_shown() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    for query in [
        "udp",
        "trak",
        "vdeo",
        "strem",
        "reconnect",
        "sign",
        "ice",
        "mic",
        "screen",
        "transcode",
        "sgnal",
        "camra",
        "invalidparam",
    ] {
        let loose: Vec<String> = index
            .search(&catalog, &Query::parse(query), Scope::default())
            .iter()
            .filter(|h| h.kind == Some(MatchKind::LooseFuzzy))
            .map(|h| catalog.entries()[h.index].qualified())
            .collect();
        assert!(loose.is_empty(), "{query}: {loose:?}");
    }
}

/// `a | b` ranks each entry by its best alternative; negations keep the rest of the catalog.
#[test]
fn alternatives_and_negations_cover_what_they_say() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let hits = |q: &str, scope: Scope| -> Vec<String> {
        index
            .search(&catalog, &Query::parse(q), scope)
            .iter()
            .map(|h| catalog.entries()[h.index].qualified())
            .collect()
    };
    // Every code of a list is found, in any spelling of the list.
    for q in [
        "0x4004 70001",
        "0x4004,70001",
        "0x4004 | 70001",
        "16388, 70001",
    ] {
        let found = hits(q, Scope::default());
        assert!(
            found[..2].contains(&"web4:0x4004".to_string())
                && found[..2].contains(&"web4:70001".to_string()),
            "{q}: {found:?}"
        );
    }
    // OR is the union of its sides.
    let either = hits("expired | blacklisted", web4());
    for side in ["expired", "blacklisted"] {
        for hit in hits(side, web4()) {
            assert!(
                either.contains(&hit),
                "{side}: {hit} missing from {either:?}"
            );
        }
    }
    // Negations alone: everything in scope but what they name.
    let all = hits("", web4());
    let server = hits("'server", web4());
    let rest = hits("!server", web4());
    assert_eq!(rest.len() + server.len(), all.len(), "{server:?}");
    assert!(rest.iter().all(|h| !server.contains(h)));
    // A negation also removes code hits.
    assert!(hits("16388 !join", web4()).is_empty());
}

/// `账号` (simplified, as most people type it), `帐号` (as the 4.x page writes it) and `帳號`
/// (traditional) find the same rows: the index, the query and the mention rules fold alike.
#[test]
fn variant_characters_find_the_same_rows() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let shown = |q: &str| -> Vec<String> {
        index
            .search(&catalog, &Query::parse(q), Scope::default())
            .iter()
            .map(|h| catalog.entries()[h.index].qualified())
            .collect()
    };
    let simplified = shown("账号");
    assert!(simplified.len() > 10, "{simplified:?}");
    // The 4.x page writes 帐号 (web4:70015), the 5.x and native texts 账号 (web5:-100013).
    for row in ["web4:70015", "web5:-100013"] {
        assert!(
            simplified.contains(&row.to_string()),
            "{row} in {simplified:?}"
        );
    }
    assert_eq!(shown("帐号"), simplified);
    assert_eq!(shown("帳號"), simplified);
}

/// Chinese run together (`账号过期`, as people type it) is found as its words, as `账号 过期` is,
/// and each row highlights the words it holds.
#[test]
fn chinese_run_together_is_found_as_its_words() {
    let catalog = Catalog::builtin().unwrap();
    let index = SearchIndex::new(&catalog);
    let hits = |q: &str| index.search(&catalog, &Query::parse(q), Scope::default());
    let together = hits("账号过期");
    assert!(!together.is_empty());
    assert_eq!(together, hits("账号 过期"));
    // Each row marks the words its Chinese description holds, though it never holds the run.
    let query = Query::parse("账号过期");
    let mut marked = 0;
    for hit in &together {
        let zh = &catalog.entries()[hit.index].description.zh;
        let marks = index.highlights(&catalog, hit, &query);
        let expected: usize = ["账号", "过期"].iter().filter(|w| zh.contains(*w)).count() * 2;
        assert!(marks.description_zh.len() >= expected, "{zh}: {marks:?}");
        marked += usize::from(expected > 0);
    }
    assert!(marked > 0, "no hit's description holds either word");
}

/// Tied rows keep catalog order, a group of one server code standing where its first member
/// stands: `expired` once listed server 70347 ("ticket expired") before 70001 ("userSig has
/// expired"), because 70347's web4 row tied and 70001's best row was the server's own.
#[test]
fn tied_groups_keep_the_catalog_order_of_their_first_member() {
    let engine = trtc_errors::search::Engine::new(Catalog::builtin().unwrap());
    let codes = |q: &str| -> Vec<String> {
        engine
            .search(&Query::parse(q), Scope::default())
            .iter()
            .take(3)
            .map(|h| engine.catalog().entry(h.index).display())
            .collect()
    };
    assert_eq!(codes("expired"), ["70001", "70017", "70347"]);
    assert_eq!(codes("gq")[..2], ["70001", "70347"]);
    // The same order in every shell: the browser's worker merges slices, then groups. `join`,
    // `1638` (decimal prefixes after the text hits) and `camera` have no grouped hit: grouping
    // takes its shortcut there, and the order is the same rule.
    for q in ["expired", "gq", "过期", "join", "1638", "camera"] {
        let hits = engine.search(&Query::parse(q), Scope::default());
        let key = |h: &trtc_errors::search::Hit| {
            (
                std::cmp::Reverse(h.score),
                trtc_errors::search::group::catalog_position(engine.catalog(), h.index),
            )
        };
        assert!(hits.windows(2).all(|w| key(&w[0]) <= key(&w[1])), "{q}");
    }
}
