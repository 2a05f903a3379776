//! The built-in catalog against its sources: every row of the seed page byte for byte, every SDK
//! code with its first version, and the catalog's own integrity rules.

use std::collections::HashSet;

use trtc_errors::catalog::{parse_catalog, Catalog, Category, Family, BUILTIN_CATALOGS};

const SEED: &str = include_str!("fixtures/trtc-web-sdk-4x-error-codes.md");

/// The cells of every table row of the seed page, header and separator rows left out.
fn seed_rows() -> Vec<Vec<String>> {
    SEED.lines()
        .filter(|l| l.starts_with('|'))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|cells| {
            cells[0] != "Key"
                && cells[0] != "错误码"
                && !cells[0].starts_with('-')
                && !cells[0].starts_with(':')
        })
        .collect()
}

#[test]
fn every_seed_row_is_in_the_catalog_word_for_word() {
    let catalog = Catalog::builtin().unwrap();
    let rows = seed_rows();
    let (sdk, account): (Vec<_>, Vec<_>) = rows.iter().partition(|r| r[1].starts_with("0x"));
    assert_eq!(sdk.len(), 11, "SDK rows on the seed page");
    assert_eq!(account.len(), 61, "account rows on the seed page");
    for row in sdk {
        let code = i64::from_str_radix(&row[1][2..], 16).unwrap();
        let entry = catalog
            .entries()
            .iter()
            .find(|e| e.family == Family::Web4 && e.category == Category::Sdk && e.code == code)
            .unwrap_or_else(|| panic!("missing SDK code {}", row[1]));
        assert_eq!(
            entry.key.as_deref(),
            Some(row[0].as_str()),
            "key of {}",
            row[1]
        );
        assert_eq!(entry.display(), row[1].to_uppercase().replace("0X", "0x"));
        assert_eq!(
            entry.description.zh.as_bytes(),
            row[2].as_bytes(),
            "描述 of {}",
            row[1]
        );
    }
    for row in account {
        let code: i64 = row[0].parse().unwrap();
        let entry = catalog
            .entries()
            .iter()
            .find(|e| e.family == Family::Web4 && e.category == Category::Account && e.code == code)
            .unwrap_or_else(|| panic!("missing account code {}", row[0]));
        assert_eq!(
            entry.type_label.as_deref(),
            Some(row[1].as_str()),
            "错误类型 of {code}"
        );
        assert_eq!(
            entry.description.zh.as_bytes(),
            row[2].as_bytes(),
            "描述 of {code}"
        );
        assert_eq!(entry.display(), row[0]);
    }
}

#[test]
fn misspelled_keys_are_kept_and_the_later_spellings_are_aliases() {
    let catalog = Catalog::builtin().unwrap();
    for (key, alias) in [
        ("SIGNAL_CAHNNEL_SETUP_FAILED", "SIGNAL_CHANNEL_SETUP_FAILED"),
        ("UNKOWN", "UNKNOWN"),
    ] {
        let by_key = catalog.indices_by_name(key);
        let by_alias = catalog.indices_by_name(alias);
        assert_eq!(by_key.len(), 1);
        assert_eq!(by_key, by_alias);
        let entry = &catalog.entries()[by_key[0]];
        assert_eq!(entry.key.as_deref(), Some(key));
        assert_eq!(entry.renamed.len(), 1);
        assert_eq!(entry.renamed[0].version, "4.6.1");
    }
}

/// Every ErrorCode key any published trtc-js-sdk 4.x version defines, its value, and the first
/// published version that has it (read from the bundled ErrorCode map of all 36 versions on npm).
const SDK_CODES: &[(&str, i64, &str)] = &[
    ("INVALID_PARAMETER", 0x1000, "4.3.2"),
    ("INVALID_OPERATION", 0x1001, "4.3.2"),
    ("NOT_SUPPORTED", 0x1002, "4.3.3"),
    ("DEVICE_NOT_FOUND", 0x1003, "4.6.2"),
    ("INITIALIZE_FAILED", 0x1004, "4.11.13"),
    ("SIGNAL_CAHNNEL_SETUP_FAILED", 0x4001, "4.3.2"),
    ("SIGNAL_CHANNEL_ERROR", 0x4002, "4.3.2"),
    ("ICE_TRANSPORT_ERROR", 0x4003, "4.3.2"),
    ("JOIN_ROOM_FAILED", 0x4004, "4.3.2"),
    ("CREATE_OFFER_FAILED", 0x4005, "4.3.2"),
    ("SIGNAL_CHANNEL_RECONNECTION_FAILED", 0x4006, "4.6.5"),
    ("UPLINK_RECONNECTION_FAILED", 0x4007, "4.6.6"),
    ("DOWNLINK_RECONNECTION_FAILED", 0x4008, "4.6.6"),
    ("REMOTE_STREAM_NOT_EXIST", 0x4010, "4.11.13"),
    ("CLIENT_BANNED", 0x4040, "4.3.2"),
    ("SERVER_TIMEOUT", 0x4041, "4.3.2"),
    ("SUBSCRIPTION_TIMEOUT", 0x4042, "4.3.2"),
    ("PLAY_NOT_ALLOWED", 0x4043, "4.3.2"),
    ("DEVICE_AUTO_RECOVER_FAILED", 0x4044, "4.7.1"),
    ("START_PUBLISH_CDN_FAILED", 0x4045, "4.8.3"),
    ("STOP_PUBLISH_CDN_FAILED", 0x4046, "4.8.3"),
    ("START_MIX_TRANSCODE_FAILED", 0x4047, "4.8.3"),
    ("STOP_MIX_TRANSCODE_FAILED", 0x4048, "4.8.3"),
    ("NOT_SUPPORTED_H264", 0x4049, "4.10.2"),
    ("SWITCH_ROLE_FAILED", 0x404A, "4.10.2"),
    ("API_CALL_TIMEOUT", 0x404B, "4.11.4"),
    ("SCHEDULE_FAILED", 0x404C, "4.12.0"),
    ("API_CALL_ABORTED", 0x404D, "4.15.0"),
    ("UNKOWN", 0xFFFF, "4.3.2"),
];

#[test]
fn every_sdk_code_with_its_first_version() {
    let catalog = Catalog::builtin().unwrap();
    let sdk: Vec<_> = catalog
        .entries()
        .iter()
        .filter(|e| e.family == Family::Web4 && e.category == Category::Sdk)
        .collect();
    assert_eq!(sdk.len(), SDK_CODES.len());
    for &(key, code, since) in SDK_CODES {
        let entry = sdk
            .iter()
            .find(|e| e.code == code)
            .unwrap_or_else(|| panic!("missing {key}"));
        assert_eq!(entry.key.as_deref(), Some(key));
        assert_eq!(entry.since.as_deref(), Some(since), "since of {key}");
    }
}

#[test]
fn deprecations_from_index_d_ts() {
    let catalog = Catalog::builtin().unwrap();
    let deprecated = |d: &str| {
        catalog
            .find_display(d)
            .and_then(|e| e.deprecated.clone())
            .unwrap_or_default()
    };
    assert!(deprecated("0x4002").starts_with("4.6.5"));
    assert!(deprecated("0x4003").starts_with("4.6.6"));
    assert!(deprecated("0x4004").is_empty());
}

#[test]
fn catalog_integrity() {
    // Parsing the file itself rejects duplicates within it.
    let entries: usize = BUILTIN_CATALOGS
        .iter()
        .map(|(name, text)| parse_catalog(text, name).unwrap().len())
        .sum();
    let catalog = Catalog::builtin().unwrap();
    assert_eq!(entries, catalog.len());
    let mut seen = HashSet::new();
    for e in catalog.entries() {
        assert!(
            seen.insert((e.family, e.category, e.code)),
            "duplicate {}",
            e.qualified()
        );
        assert!(
            !e.description.zh.is_empty(),
            "{}: no Chinese description",
            e.display()
        );
        assert!(
            e.description.en.as_deref().is_some_and(|d| !d.is_empty()),
            "{}: no English description",
            e.display()
        );
        assert!(!e.source.is_empty(), "{}: no source", e.display());
        for r in &e.related {
            assert!(
                catalog.resolve(r).is_some(),
                "{}: related {r} does not exist",
                e.qualified()
            );
        }
        let from_seed = e
            .source
            .starts_with("official TRTC Web SDK 4.x error-code page");
        if !from_seed {
            assert!(
                e.advice.zh.is_some() && e.advice.en.is_some(),
                "{}: new entries need advice",
                e.display()
            );
        }
    }
    // Catalog order: family, category, then code (the seed page lists 70050/70051 after 70403).
    let order: Vec<_> = catalog
        .entries()
        .iter()
        .map(|e| (e.family, e.category, e.code))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    let account: Vec<i64> = catalog
        .entries()
        .iter()
        .filter(|e| e.family == Family::Web4 && e.category == Category::Account)
        .map(|e| e.code)
        .collect();
    assert_eq!(account.first(), Some(&-8));
    assert_eq!(account.len(), 62);
}

#[test]
fn seed_advice_that_points_elsewhere_says_where() {
    let catalog = Catalog::builtin().unwrap();
    let advice = |d: &str| {
        catalog
            .find_display(d)
            .and_then(|e| e.advice.zh.clone())
            .unwrap_or_default()
    };
    assert!(advice("70002").contains("tls-sig-api-v2"));
    for code in ["70005", "70006", "70007", "70008", "70010"] {
        assert!(advice(code).contains("UserSig 工具"), "{code}");
    }
}

/// The 4.x bundle facts extracted by scripts/extract/web4.mjs.
fn web4_raised() -> serde_json::Value {
    serde_json::from_str(include_str!("fixtures/sdk/web4/raised.json")).unwrap()
}

/// The versions the extract read, oldest first.
fn versions_read(raised: &serde_json::Value) -> Vec<&str> {
    raised["versions_read"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// The 4.x SDK entries against what the published bundles do (tests/fixtures/sdk/web4/raised.json,
/// extracted from all 36 trtc-js-sdk versions by scripts/extract/web4.mjs): every entry says when
/// it is raised, in both languages, and its version range is the bundles' range.
#[test]
fn every_web4_sdk_entry_is_grounded_in_the_bundles() {
    let raised = web4_raised();
    let versions = versions_read(&raised);
    let newest = *versions.last().unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut checked = 0;
    for e in catalog
        .entries()
        .iter()
        .filter(|e| e.family == Family::Web4 && e.category == Category::Sdk)
    {
        let key = e.names().find(|k| raised["codes"].get(*k).is_some());
        let facts =
            &raised["codes"][key.unwrap_or_else(|| panic!("{} not in raised.json", e.display()))];
        assert_eq!(facts["value"].as_i64(), Some(e.code), "{}", e.display());
        assert!(
            !e.raised_when.en.is_empty(),
            "{}: no raised_when_en",
            e.display()
        );
        assert_eq!(
            e.raised_when.en.len(),
            e.raised_when.zh.len(),
            "{}: raised_when in both languages, item for item",
            e.display()
        );
        assert!(e.doc_url.is_some(), "{}: no doc_url", e.display());
        // raised_in is `first–last`, with an open end while the newest version still raises it.
        let first = facts["first_raised"].as_str().unwrap();
        let last = facts["last_raised"].as_str().unwrap();
        let expected = if last == newest {
            format!("{first}–")
        } else {
            format!("{first}–{last}")
        };
        assert_eq!(
            e.raised_in.as_deref(),
            Some(expected.as_str()),
            "{}",
            e.display()
        );
        assert_eq!(
            e.not_raised_since.as_deref(),
            facts["not_raised_since"].as_str(),
            "{}",
            e.display()
        );
        if let Some(since) = e.not_raised_since.as_deref() {
            // The first version after the last one that raises it.
            let after = versions.iter().position(|v| *v == last).unwrap() + 1;
            assert_eq!(Some(since), versions.get(after).copied(), "{}", e.display());
        }
        // Each raised-when item names the API or the condition of a construction site.
        let sites = facts["sites"].as_array().unwrap();
        assert!(!sites.is_empty(), "{}: no construction site", e.display());
        checked += 1;
    }
    assert_eq!(checked, 29);
}

/// Claims the audit of 0.1 found wrong (issue #13): advice must not send a developer to a cause
/// that the SDK reports with a different code.
#[test]
fn no_advice_names_a_cause_reported_by_another_code() {
    let catalog = Catalog::builtin().unwrap();
    let text = |display: &str| {
        let e = catalog.find(Family::Web4, display).unwrap();
        format!(
            "{} {} {}",
            e.advice.en.as_deref().unwrap_or(""),
            e.description.en.as_deref().unwrap_or(""),
            e.raised_when.en.join(" ")
        )
    };
    let wrong: &[(&str, &str)] = &[
        // A bad roomId is 0x1000 (from 4.8.3); a refused channel set-up is 0x4001.
        ("0x4004", "typical ones are an invalid userSig"),
        ("0x4004", "a roomId out of range, or"),
        // 0x4001 means the server answered: the WebSocket was reachable.
        ("0x4001", "firewall is blocking the WebSocket"),
        ("0x4001", "a network or firewall"),
        // 4.3.2–4.6.4 raise 0x4002 when the first connection fails too.
        ("0x4002", "after it had been set up"),
        // Precondition violations are thrown at once as 0x1000 / 0x1001.
        (
            "0x404A",
            "Make sure the client is in live mode and in the room",
        ),
    ];
    for (display, claim) in wrong {
        assert!(
            !text(display).contains(claim),
            "{display} still says {claim:?}"
        );
    }
    // And what it should say instead.
    assert!(text("0x4004").contains("0x1000"));
    assert!(text("0x4004").contains("0x4001"));
    assert!(text("0x404A").contains("0x1001") || text("0x404A").contains("0x1000"));
}

/// Every code and extraCode of every published trtc-sdk-v5 version (tests/fixtures/sdk/web5/
/// extract.json, read from all 20 versions by scripts/extract/web5.mjs) is in the catalog, with
/// its first and last version, every spelling of its key, and the SDK's own message templates.
#[test]
fn every_web5_code_of_every_version_is_in_the_catalog() {
    let extract: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sdk/web5/extract.json")).unwrap();
    assert_eq!(extract["versions_read"].as_array().unwrap().len(), 20);
    let catalog = Catalog::builtin().unwrap();
    let entries = extract["entries"].as_array().unwrap();
    for x in entries {
        let code = x["value"].as_i64().unwrap();
        let category = match x["kind"].as_str().unwrap() {
            "code" => Category::Sdk,
            _ => Category::Extra,
        };
        let e = catalog
            .entries()
            .iter()
            .find(|e| e.family == Family::Web5 && e.category == category && e.code == code)
            .unwrap_or_else(|| panic!("web5 {code} missing"));
        assert_eq!(
            e.key.as_deref(),
            x["key"].as_str(),
            "web5 {code}: newest key"
        );
        for spelling in x["keys"].as_array().unwrap() {
            let spelling = spelling["key"].as_str().unwrap();
            assert!(
                e.names().any(|n| n == spelling),
                "web5 {code}: spelling {spelling} not findable"
            );
        }
        assert_eq!(
            e.since.as_deref(),
            x["first_version"].as_str(),
            "web5 {code}: since"
        );
        assert_eq!(
            e.until.as_deref(),
            x["last_version"].as_str(),
            "web5 {code}: until"
        );
        // The dictionary's templates, and messages passed explicitly where the error is thrown.
        let explicit = x["explicit_messages"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let sdk_texts: Vec<&str> = x["templates"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|t| t["texts"].as_array().unwrap())
            .chain(
                explicit
                    .iter()
                    .flat_map(|m| m["messages"].as_array().unwrap()),
            )
            // concat expressions, rendered by the extractor with {name} placeholders
            .chain(
                explicit
                    .iter()
                    .filter_map(|m| m["templates"].as_array())
                    .flatten(),
            )
            .map(|t| t.as_str().unwrap().trim_matches('"'))
            .collect();
        for t in &e.templates {
            assert!(
                sdk_texts.contains(&t.as_str()),
                "web5 {code}: template {t:?} is not the SDK's"
            );
        }
        if category == Category::Extra {
            assert!(e.parent.is_some(), "web5 {code}: no parent code");
        }
    }
    let in_catalog = catalog
        .entries()
        .iter()
        .filter(|e| e.family == Family::Web5)
        .count();
    assert_eq!(in_catalog, entries.len(), "no web5 entry the SDK lacks");
}

/// Every error and warning key of the newest trtc-electron-sdk (tests/fixtures/sdk/native/
/// extract.json, by scripts/extract/native.mjs) is in the catalog with its value, and its Chinese
/// description is the d.ts comment byte for byte.
#[test]
fn every_native_key_with_its_chinese_comment_byte_for_byte() {
    let extract: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sdk/native/extract.json")).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let mut count = 0;
    for (list, category) in [("errors", Category::Error), ("warnings", Category::Warning)] {
        for x in extract[list].as_array().unwrap() {
            let key = x["key"].as_str().unwrap();
            let code = x["value"].as_i64().unwrap();
            let e = catalog
                .entries()
                .iter()
                .find(|e| e.family == Family::Native && e.key.as_deref() == Some(key))
                .unwrap_or_else(|| panic!("native {key} missing"));
            assert_eq!((e.code, e.category), (code, category), "{key}");
            assert_eq!(
                e.description.zh.as_bytes(),
                x["comment_zh"].as_str().unwrap().as_bytes(),
                "{key}: description_zh must be the d.ts comment"
            );
            assert!(e.source.contains(extract["version"].as_str().unwrap()));
            count += 1;
        }
    }
    assert_eq!(count, 175 + 31);
    assert_eq!(
        catalog
            .entries()
            .iter()
            .filter(|e| e.family == Family::Native)
            .count(),
        count
    );
}

/// Related 4.x SDK codes are linked both ways (0x4010 ↔ 0x404D, 0x404A ↔ 0x404B, 0x1003 ↔ 0x1004,
/// and the rest of what the bundles show raising one code in place of another).
#[test]
fn related_web4_sdk_codes_link_both_ways() {
    let catalog = Catalog::builtin().unwrap();
    let sdk = |e: &&trtc_errors::catalog::CatalogEntry| {
        e.family == Family::Web4 && e.category == Category::Sdk
    };
    let mut pairs = 0;
    for e in catalog.entries().iter().filter(sdk) {
        for r in &e.related {
            let Some(i) = catalog.resolve(r) else {
                continue;
            };
            let target = &catalog.entries()[i];
            if !sdk(&target) {
                continue;
            }
            assert!(
                target.related.iter().any(|back| back.names(e)),
                "{} lists {} but not the other way",
                e.display(),
                target.display()
            );
            pairs += 1;
        }
    }
    for (a, b) in [
        ("0x4010", "0x404D"),
        ("0x404A", "0x404B"),
        ("0x1003", "0x1004"),
    ] {
        let e = catalog.find(Family::Web4, a).unwrap();
        assert!(e.related.iter().any(|r| r.written() == b), "{a} ↔ {b}");
    }
    assert!(pairs >= 20, "{pairs}");
}

/// The third audit's corrections (issue #23; reviews/audit-0.2.md "Errors found" 1–17 and its gaps),
/// each pinned to the extracted bundle facts where the fixtures hold them, and to the entry's text
/// where only the bundle itself shows it (the audit's snippets are quoted in the entry's `source`).
#[test]
fn third_audit_corrections_hold() {
    let raised = web4_raised();
    let versions = versions_read(&raised);
    let order = |v: &str| versions.iter().position(|x| *x == v).unwrap();
    // The range of versions in which some construction site of `key` says `text` (in its message,
    // template, message key or literal message data).
    let says = |key: &str, text: &str| -> (String, String) {
        let mut found: Vec<(&str, &str)> = raised["codes"][key]["sites"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                ["message", "template", "message_key", "message_data"]
                    .iter()
                    .any(|f| s[*f].as_str().is_some_and(|t| t.contains(text)))
            })
            .map(|s| {
                let range = s["versions"].as_str().unwrap();
                range.split_once('–').unwrap_or((range, range))
            })
            .collect();
        assert!(!found.is_empty(), "{key}: no site says {text:?}");
        found.sort_by_key(|(first, _)| order(first));
        let first = found[0].0.to_string();
        let last = found
            .iter()
            .map(|(_, l)| *l)
            .max_by_key(|l| order(l))
            .unwrap();
        (first, last.to_string())
    };
    let catalog = Catalog::builtin().unwrap();
    let entry = |family, display: &str| catalog.find(family, display).unwrap();
    let item = |family, display: &str, needle: &str| -> String {
        let e = entry(family, display);
        let i = e
            .raised_when
            .en
            .iter()
            .position(|t| t.contains(needle))
            .unwrap_or_else(|| panic!("{display}: no raised_when item names {needle:?}"));
        assert!(!e.raised_when.zh[i].is_empty());
        e.raised_when.en[i].clone()
    };

    // 1. 0x1001's screen-capture check is in every version, not only from 4.11.10.
    assert_eq!(
        says("INVALID_OPERATION", "screen capture is not supported").0,
        versions[0]
    );
    assert!(item(Family::Web4, "0x1001", "createStream() for screen sharing").contains("4.3.2"));
    // 2. switchRole() before join() raises it only from 4.10.2.
    assert_eq!(
        says("INVALID_OPERATION", "call join() before switchRole()").0,
        "4.10.2"
    );
    assert!(item(Family::Web4, "0x1001", "switchRole() before join()").starts_with("From 4.10.2"));
    // 3. 0x1002: the H.264/VP8 check in join() is there from 4.10.2 (no hedge).
    let join = item(Family::Web4, "0x1002", "neither H.264 nor VP8");
    assert!(
        join.contains("from 4.10.2") && !join.contains("at the latest"),
        "{join}"
    );
    // 4, 5. switchDevice() raises 0x1003 and 0x1004 through the same capture helper.
    item(Family::Web4, "0x1003", "switchDevice()");
    item(Family::Web4, "0x1004", "switchDevice()");
    // 6. 0x4003 reaches the application only in 4.3.2–4.6.5.
    let ice = &raised["codes"]["ICE_TRANSPORT_ERROR"];
    assert_eq!(ice["withheld_from_error_event_in"], "4.6.6–4.15.22");
    let e = entry(Family::Web4, "0x4003");
    assert_eq!(e.raised_in.as_deref(), Some("4.3.2–4.6.5"));
    assert_eq!(e.not_raised_since.as_deref(), Some("4.6.6"));
    // 7, 9. The CDN / mix failures carry the server's errMsg, not its code.
    for display in ["0x4046", "0x4048"] {
        let advice = entry(Family::Web4, display).advice.en.clone().unwrap();
        assert!(!advice.contains("server code in the message"), "{display}");
        assert!(
            advice.contains("errMsg") && advice.contains("getExtraCode()"),
            "{display}"
        );
    }
    // 8. startMixTranscode() with a new streamId rejects with 0x4048 from 4.10.2.
    assert!(item(Family::Web4, "0x4048", "startMixTranscode()").contains("4.10.2"));
    // 10. unsubscribe() during a pending subscribe() aborts it in 4.15.0–4.15.2.
    assert_eq!(
        says("API_CALL_ABORTED", "unsubscribe stream"),
        ("4.15.0".to_string(), "4.15.2".to_string())
    );
    assert!(item(Family::Web4, "0x404D", "unsubscribe()").starts_with("4.15.0–4.15.2"));
    // 11. The code-less subscribe()/unsubscribe() failures are 4.3.10–4.6.4.
    let codeless: Vec<&str> = raised["dynamic_constructions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["snippet"].as_str().unwrap().contains("remote stream\";"))
        .map(|d| d["versions"].as_str().unwrap())
        .collect();
    assert_eq!(codeless, ["4.3.10–4.6.4", "4.3.10–4.6.4"]);
    assert!(item(Family::Web4, "0xFFFF", "without a code").starts_with("4.3.10–4.6.4"));
    // 12. updateOtherRoomForwardMode(): 0xFFFF only for an errorList failure.
    let forward = raised["codes"]["UNKNOWN"]["sites"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["method"] == "updateOtherRoomForwardMode")
        .unwrap();
    assert_eq!(forward["versions"], "4.15.21–4.15.22");
    assert!(item(Family::Web4, "0xFFFF", "updateOtherRoomForwardMode()").contains("errorList"));
    // 13. Client.subscribe() wraps any non-RtcError failure as 0xFFFF from 4.11.4.
    assert_eq!(
        says("UNKNOWN", "failed to subscribe stream, reason").0,
        "4.11.4"
    );
    assert!(item(Family::Web4, "0xFFFF", "Client.subscribe()").contains("4.11.4"));
    // 14. 5106: AIDenoiser and AudioProcessor raise it, the realtime transcriber does not.
    let extract: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sdk/web5/extract.json")).unwrap();
    let x5106 = extract["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["value"] == 5106)
        .unwrap();
    assert_eq!(x5106["throw_snippets"].as_array().unwrap().len(), 2);
    let plugin = item(Family::Web5, "5106", "AIDenoiser");
    assert!(plugin.contains("AudioProcessor") && plugin.contains("does not raise it"));
    // 15. 5210: startPlugin(), updatePlugin() and stopPlugin() share the check.
    let check = item(Family::Web5, "5210", "isSupported()");
    assert!(["startPlugin()", "updatePlugin()", "stopPlugin()"]
        .iter()
        .all(|api| check.contains(api)));
    // 16, 17. The SDK's own inline messages of 5210 and 5998 are templates.
    let templates = |display: &str| {
        catalog
            .find(Family::Web5, display)
            .unwrap()
            .templates
            .clone()
    };
    assert!(templates("5210").contains(&"plugin {name} is not supported".to_string()));
    for t in ["{fnName} abort: {message}", "plugin {name} is not found"] {
        assert!(templates("5998").contains(&t.to_string()), "5998: {t}");
    }
    // Gaps: 0x4001 says what 5.x makes of it.
    let migration = entry(Family::Web4, "0x4001").migration.en.clone().unwrap();
    assert!(migration.contains("5500") && migration.contains("dropped"));
}

/// Cross-family links the third audit found missing or loose: the same server result code -100013
/// under native and web5, the enter-room timeout, and the exact 5.x counterpart of a refused
/// camera or microphone permission.
#[test]
fn cross_family_links_name_the_same_failure() {
    let catalog = Catalog::builtin().unwrap();
    let related = |family, display: &str| -> Vec<String> {
        let entry = catalog.find(family, display).unwrap();
        entry.related.iter().map(|r| r.to_string()).collect()
    };
    assert!(related(Family::Native, "-100013").contains(&"web5:-100013".to_string()));
    assert!(related(Family::Web5, "-100013").contains(&"native:-100013".to_string()));
    assert!(related(Family::Native, "-3308").contains(&"web4:0x4004".to_string()));
    assert!(related(Family::Web4, "0x4004").contains(&"native:-3308".to_string()));
    for native in ["-1314", "-1317"] {
        assert!(related(Family::Native, native).contains(&"web5:5302".to_string()));
        assert!(related(Family::Web5, "5302").contains(&format!("native:{native}")));
    }
    // -3301 is the same operation as 0x4004 / 5400, and says it is not one to one (without naming
    // other rows' numbers, which would make it a search hit for them).
    let advice = catalog
        .find(Family::Native, "-3301")
        .unwrap()
        .advice
        .en
        .clone()
        .unwrap();
    assert!(
        advice.contains("one to one") && advice.contains("ERR_ROOM_REQUEST_ENTER_ROOM_TIMEOUT")
    );
}

/// docs/sources/server-codes.toml (the research data for the server-code model, issue #23): every
/// row it names exists, the sign conventions hold, every SDK table says how, when and from where,
/// and the codes the room-entry docs and the account table list are all there.
#[test]
fn server_code_sources_are_consistent_with_the_catalog() {
    let data: toml::Value =
        toml::from_str(include_str!("../docs/sources/server-codes.toml")).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let codes = data["code"].as_array().unwrap();
    let mut seen = HashSet::new();
    for c in codes {
        let code = c["code"].as_integer().unwrap();
        let kind = c["kind"].as_str().unwrap();
        assert!(
            ["server", "native-generic", "reported"].contains(&kind),
            "{code}: kind {kind}"
        );
        assert!(seen.insert((code, kind)), "{code} {kind} twice");
        assert!(!c["meaning_en"].as_str().unwrap().is_empty(), "{code}");
        assert!(!c["status"].as_str().unwrap().is_empty(), "{code}");
        for sdk in ["web4", "web5", "native"] {
            if let Some(t) = c.get(sdk) {
                for field in ["how", "versions", "source"] {
                    assert!(
                        t.get(field)
                            .and_then(|v| v.as_str())
                            .is_some_and(|v| !v.is_empty()),
                        "{code}: {sdk}.{field}"
                    );
                }
            }
        }
        for row in c["existing_rows"].as_array().unwrap() {
            let row = row.as_str().unwrap();
            let (family, display) = row.split_once(':').unwrap();
            let family = match family {
                "web4" => Family::Web4,
                "web5" => Family::Web5,
                _ => Family::Native,
            };
            let e = catalog
                .find(family, display)
                .unwrap_or_else(|| panic!("{code}: {row} is not a catalog row"));
            // Account codes are positive on the web and negated by the native SDK.
            let expected = if kind == "server" && family == Family::Native && code >= 70000 {
                -code
            } else {
                code
            };
            if kind != "reported" {
                assert_eq!(e.code, expected, "{code}: {row}");
            }
        }
    }
    let has = |code: i64, kind: &str| seen.contains(&(code, kind));
    // Today's room-entry docs, the generic native codes, and the reported ones.
    for code in [-100006, -100013, -100018] {
        assert!(has(code, "server"), "{code}");
    }
    for code in -8..=-1 {
        assert!(has(code, "native-generic"), "{code}");
    }
    for code in [-10014, -6000, -100038, -101018] {
        assert!(has(code, "reported"), "{code}");
    }
    // The two -8s are kept apart and say so.
    let clash = codes
        .iter()
        .filter(|c| c["code"].as_integer() == Some(-8))
        .filter(|c| c.get("clashes_with").is_some())
        .count();
    assert_eq!(clash, 2);
    // Every account row of either family is one server code here.
    for e in catalog.entries() {
        let server = match (e.family, e.category) {
            (Family::Web4, Category::Account) => e.code,
            (Family::Native, _)
                if e.key
                    .as_deref()
                    .is_some_and(|k| k.starts_with("ERR_SERVER_SSO_")) =>
            {
                -e.code
            }
            _ => continue,
        };
        assert!(
            has(server, "server"),
            "{} has no server code",
            e.qualified()
        );
    }
}

/// assets/server.toml is generated from docs/sources/server-codes.toml: every `kind = "server"`
/// code is one server entry, each carrier's site (family, public code, read, sign), versions and
/// source are the research file's, and `members` are its `existing_rows`, each a catalog row.
#[test]
fn every_server_entry_carries_what_the_research_file_says() {
    use trtc_errors::catalog::Sign;
    let data: toml::Value =
        toml::from_str(include_str!("../docs/sources/server-codes.toml")).unwrap();
    let catalog = Catalog::builtin().unwrap();
    let servers: Vec<_> = catalog
        .entries()
        .iter()
        .filter(|e| e.family == Family::Server)
        .collect();
    let research: Vec<&toml::Value> = data["code"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"].as_str() == Some("server"))
        .collect();
    assert_eq!(servers.len(), research.len());
    for c in research {
        let code = c["code"].as_integer().unwrap();
        let e = catalog
            .find(Family::Server, &code.to_string())
            .unwrap_or_else(|| panic!("server {code} is missing"));
        assert_eq!(e.category, Category::Result);
        assert!(e.key.is_none(), "{code}: server codes have no key");
        assert_eq!(
            e.description.en.as_deref(),
            c["meaning_en"].as_str(),
            "{code}"
        );
        for text in [
            &e.description.zh,
            e.advice.zh.as_ref().unwrap(),
            e.advice.en.as_ref().unwrap(),
        ] {
            assert!(!text.is_empty() && !text.contains("todo"), "{code}");
        }
        if let Some(zh) = c.get("meaning_zh") {
            assert_eq!(e.description.zh, zh.as_str().unwrap(), "{code}");
        }
        let families: Vec<&str> = ["web4", "web5", "native"]
            .into_iter()
            .filter(|f| c.get(*f).is_some())
            .collect();
        // An account code without a section of its own for 5.x or native carries the research
        // file's rule for the 70001…70500 range instead (server-toml.py `family_rule`).
        let by_rule: Vec<&str> = ["web5", "native"]
            .into_iter()
            .filter(|f| (70001..=70500).contains(&code) && c.get(*f).is_none())
            .collect();
        assert_eq!(
            e.carried.len(),
            families.len() + by_rule.len(),
            "{code}: one carrier per SDK section, plus the range rule's"
        );
        for f in by_rule {
            let carrier = e.carrier(Family::parse(f).unwrap()).unwrap();
            assert!(
                carrier.source.ends_with("(the 70001…70500 rule)"),
                "{code} {f}"
            );
            let negated = carrier.sign == trtc_errors::catalog::Sign::Negated;
            assert_eq!(negated, f == "native", "{code} {f}");
        }
        for f in families {
            let section = &c[f];
            let carrier = e
                .carrier(Family::parse(f).unwrap())
                .unwrap_or_else(|| panic!("{code}: no {f} carrier"));
            let how = section["how"].as_str().unwrap();
            assert_eq!(carrier.how, how, "{code} {f}");
            assert_eq!(
                carrier.versions.as_str(),
                section["versions"].as_str().unwrap()
            );
            assert_eq!(
                carrier.source,
                section["source"].as_str().unwrap(),
                "{code} {f}"
            );
            let via = carrier.via.map(|v| v.display());
            let (expected_via, expected_read) = match f {
                // The research file names the public code first: `0x4004 JOIN_ROOM_FAILED with …`.
                "web4" => (Some(how[..6].to_string()), Some("getExtraCode()")),
                "web5" if how.starts_with("5400") => (Some("5400".into()), Some("extraCode")),
                // The channel set-up refusal: 5500 without the code.
                "web5" => (Some("5500".into()), None),
                _ => (None, Some("errCode")),
            };
            assert_eq!(via, expected_via, "{code} {f}");
            assert_eq!(carrier.read.as_deref(), expected_read, "{code} {f}");
            if let Some(via) = carrier.via {
                assert!(
                    catalog.resolve(&via).is_some(),
                    "{code} {f}: {via} is no catalog row"
                );
            }
            // The native SDK negates the account system's codes, and only those.
            let negated = f == "native" && code >= 70000;
            assert_eq!(carrier.sign == Sign::Negated, negated, "{code} {f}");
        }
        let rows: Vec<String> = c["existing_rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_str().unwrap().to_string())
            .collect();
        let members: Vec<String> = e.members.iter().map(|m| m.written()).collect();
        assert_eq!(members, rows, "{code}");
        let index = catalog.index_of(e).unwrap();
        for m in catalog.members_of(index) {
            assert_eq!(catalog.server_code_of(m), Some(index), "{code}");
        }
        assert_eq!(
            catalog.members_of(index).len(),
            rows.len(),
            "{code}: a member is no row"
        );
    }
}
