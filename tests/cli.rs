//! The CLI end to end: golden outputs (insta snapshots) for each command and format, exit codes,
//! malformed and hostile catalogs, closed pipes.

mod common;

use common::{cmd, fixture, run};

fn stdout_of(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?} exited {code}: {err}");
    out
}

#[test]
fn show_decimal_from_the_console() {
    insta::assert_snapshot!("show_16388", stdout_of(&["show", "16388"]));
}

#[test]
fn show_hex_and_bare_hex_and_key_agree() {
    let hex = stdout_of(&["show", "0x4004"]);
    assert_eq!(stdout_of(&["show", "0X4004"]), hex);
    assert_eq!(stdout_of(&["show", "4004"]), hex);
    assert_eq!(stdout_of(&["show", "JOIN_ROOM_FAILED"]), hex);
    assert_eq!(stdout_of(&["show", "join_room_failed"]), hex);
    assert_eq!(stdout_of(&["show", "１６３８８"]), hex);
}

#[test]
fn show_renamed_key_both_spellings() {
    let old = stdout_of(&["show", "SIGNAL_CAHNNEL_SETUP_FAILED"]);
    let new = stdout_of(&["show", "SIGNAL_CHANNEL_SETUP_FAILED"]);
    assert_eq!(old, new);
    assert!(
        old.contains("SIGNAL_CAHNNEL_SETUP_FAILED") && old.contains("SIGNAL_CHANNEL_SETUP_FAILED")
    );
    insta::assert_snapshot!("show_renamed_key", old);
}

#[test]
fn show_deprecated_code() {
    insta::assert_snapshot!("show_deprecated", stdout_of(&["show", "0x4002"]));
}

#[test]
fn show_negative_code() {
    insta::assert_snapshot!("show_negative", stdout_of(&["show", "-8"]));
    insta::assert_snapshot!(
        "show_negative_json",
        stdout_of(&["show", "--format", "json", "--", "-8"])
    );
}

#[test]
fn show_markdown_and_languages() {
    insta::assert_snapshot!(
        "show_70001_markdown",
        stdout_of(&["show", "70001", "--format", "markdown"])
    );
    insta::assert_snapshot!(
        "show_70001_en",
        stdout_of(&["show", "70001", "--lang", "en"])
    );
    insta::assert_snapshot!(
        "show_70001_zh",
        stdout_of(&["show", "70001", "--lang", "zh"])
    );
}

#[test]
fn show_several_codes() {
    let out = stdout_of(&["show", "0x4004", "70001", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
}

#[test]
fn show_garbage_is_a_clear_not_found() {
    for arg in [
        "0x",
        "0xZZ",
        "--5",
        "12345678901234567890",
        "0x1234567890123456789",
        "NOPE",
        "99999",
    ] {
        let (code, out, err) = run(&["show", "--", arg]);
        assert_eq!(code, 1, "{arg}: {err}");
        assert!(out.is_empty(), "{arg}: {out}");
        assert!(err.contains("no such code or key"), "{arg}: {err}");
    }
}

#[test]
fn search_chinese_markdown() {
    insta::assert_snapshot!(
        "search_guoqi_zh_markdown",
        stdout_of(&["search", "过期", "--format", "markdown"])
    );
}

#[test]
fn search_text_lines() {
    insta::assert_snapshot!("search_join_fail", stdout_of(&["search", "join", "fail"]));
    insta::assert_snapshot!("search_pinyin_gq", stdout_of(&["search", "gq"]));
    insta::assert_snapshot!("search_16388", stdout_of(&["search", "16388"]));
}

#[test]
fn search_json_has_scores() {
    let out = stdout_of(&["search", "expired", "--format", "json", "--sdk", "web4"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &value[0];
    assert_eq!(first["display"], "70001");
    assert_eq!(first["family"], "web4");
    assert!(first["score"].is_number());
    assert_eq!(first["matched_by"], "description");
}

#[test]
fn search_nothing_exits_1() {
    let (code, out, err) = run(&["search", "zzzzqqqq"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("nothing matches"));
}

#[test]
fn list_json_is_the_whole_catalog_with_the_schema() {
    let out = stdout_of(&["list", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = value.as_array().unwrap();
    let count = |family: &str| items.iter().filter(|i| i["family"] == family).count();
    // 4.x: 29 SDK + 62 account; 5.x: 8 codes + 59 extraCodes; native: 175 errors + 31 warnings.
    assert_eq!(
        (count("web4"), count("web5"), count("native")),
        (91, 67, 206)
    );
    assert_eq!(items.len(), 91 + 67 + 206);
    for field in [
        "family",
        "category",
        "code",
        "display",
        "key",
        "aliases",
        "renamed",
        "type",
        "description_zh",
        "description_en",
        "advice_zh",
        "advice_en",
        "since",
        "deprecated",
        "related",
        "source",
    ] {
        assert!(
            items.iter().all(|i| i.get(field).is_some()),
            "field {field}"
        );
    }
    assert!(items.iter().all(|i| i.get("score").is_none()));
    let sdk = stdout_of(&[
        "list",
        "--category",
        "sdk",
        "--sdk",
        "web4",
        "--format",
        "json",
    ]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&sdk)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        29
    );
}

#[test]
fn list_text() {
    insta::assert_snapshot!(
        "list_account",
        stdout_of(&["list", "--category", "account"])
    );
}

#[test]
fn explain_a_pasted_log() {
    let log = "12:00:01.123 RtcError: join room timeout code: 16388\n\
               12:00:02.456 userId=user_70001 ts=1700000001234 sdk v4.15.22\n\
               [TRTC] SIGNAL_CHANNEL_SETUP_FAILED: ERR 70001 userSig expired\n\
               again 0x4004\n";
    let out = cmd().arg("explain").write_stdin(log).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("explain_log", text);
}

#[test]
fn explain_with_nothing_known_exits_1() {
    let (code, _, err) = run(&["explain", "ts=1700000001234 took 16ms"]);
    assert_eq!(code, 1);
    assert!(err.contains("no known error code"));
}

#[test]
fn no_arguments_with_a_pipe_explains_it() {
    // `… | trtc-errors`: stdin is a pipe, so the text on it is explained.
    let out = cmd()
        .write_stdin("RtcError: join room failed code: 16388\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("line 1: RtcError"));
    let out = cmd().write_stdin("").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no known error code"));
}

#[cfg(feature = "tui")]
#[test]
fn tui_without_a_terminal_hints_and_exits_2() {
    let out = cmd().arg("tui").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

/// A headless build (`--no-default-features`) says what it left out and how to get it.
#[cfg(not(feature = "tui"))]
#[test]
fn the_browser_in_a_headless_build_says_how_to_get_it() {
    for args in [&["tui"][..], &["pick"], &["tui", "--query", "x"]] {
        let out = cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("interactive browser"), "{args:?}: {err}");
        assert!(err.contains("not in this build"), "{args:?}: {err}");
        assert!(err.contains("cargo feature `tui`"), "{args:?}: {err}");
    }
}

#[test]
fn a_code_without_a_command_is_show() {
    assert_eq!(stdout_of(&["16388"]), stdout_of(&["show", "16388"]));
    let out = stdout_of(&["show", "0x4004,70001"]);
    assert!(out.contains("JOIN_ROOM_FAILED") && out.contains("70001"));
    let out = stdout_of(&["show", "0x4004 70001", "-f", "json"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 2);
    let out = stdout_of(&["show", "\u{2212}3301"]);
    assert!(out.contains("ERR_ROOM_ENTER_FAIL"), "{out}");
}

#[test]
fn help_and_version() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    for needle in ["Examples:", "Exit codes:", "show 16388", "completions"] {
        assert!(out.contains(needle), "--help lacks {needle}");
    }
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("trtc-errors "));
    let (code, _, err) = run(&["--format", "yaml", "list"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn extra_catalog_replaces_and_extends() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(
        &file,
        "[[entry]]\ncategory = \"sdk\"\ncode = 0x4004\nkey = \"JOIN_ROOM_FAILED\"\ndescription_zh = \"我们自己的说明\"\nsource = \"team notes\"\n\n\
         [[entry]]\ncategory = \"account\"\ncode = -100013\ndescription_zh = \"内部错误码\"\nsource = \"team notes\"\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = stdout_of(&["--catalog", path, "show", "16388"]);
    assert!(out.contains("我们自己的说明"));
    // Provenance is kept in the JSON; the text points a ticket's reader at the docs instead.
    let out = stdout_of(&["--catalog", path, "show", "16388", "-f", "json"]);
    assert!(out.contains("team notes"));
    let out = stdout_of(&["--catalog", path, "show", "--", "-100013"]);
    assert!(out.contains("内部错误码"));
}

#[test]
fn malformed_catalogs_say_where_and_exit_2() {
    let table: &[(&str, &str)] = &[
        (
            "unknown-field.toml",
            "unknown-field.toml:6:1: unknown field `bogus`, expected one of `family`, `category`",
        ),
        (
            "wrong-type.toml",
            "wrong-type.toml:3:8: invalid type: string \"one\", expected i64",
        ),
        (
            "missing-field.toml",
            "missing-field.toml:1:1: missing field `description_zh`",
        ),
        (
            "duplicate-code.toml",
            "duplicate-code.toml:9:8: duplicate code 0x0001 in web4 sdk (first defined at line 1)",
        ),
        (
            "unknown-category.toml",
            "unknown-category.toml:2:12: unknown variant `server`",
        ),
        ("bad-toml.toml", "bad-toml.toml:1:9: unclosed array table"),
        ("empty.toml", "empty.toml: file is empty"),
        ("not-utf8.toml", "not-utf8.toml:4:19: not valid UTF-8"),
        (
            "empty-description.toml",
            "field `description_zh` must not be empty",
        ),
        (
            "top-level-unknown.toml",
            "top-level-unknown.toml:1:1: unknown field `title`, expected `entry`",
        ),
        (
            "huge-number.toml",
            "huge-number.toml:3:8: invalid type: integer `99999999999999999999`",
        ),
        (
            "aliases-not-list.toml",
            "aliases-not-list.toml:4:11: invalid type: string \"ONE\", expected a sequence",
        ),
        (
            "long-description.toml",
            "long-description.toml:4:1: entry 0x0001: field `description_zh` is 70000 bytes; at most 65536 (64 KiB) allowed",
        ),
    ];
    for (name, expected) in table {
        let path = fixture(&format!("malformed/{name}"));
        let (code, out, err) = run(&["--catalog", path.to_str().unwrap(), "list"]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: stdout must stay empty");
        assert!(
            err.contains(expected),
            "{name}: expected {expected:?} in {err:?}"
        );
    }
}

#[test]
fn catalog_paths_that_are_not_files() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&["--catalog", dir.path().to_str().unwrap(), "list"]);
    assert_eq!((code, out.is_empty()), (2, true));
    assert!(err.contains("is a directory"), "{err}");

    let (code, _, err) = run(&["--catalog", "/no/such/file.toml", "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/file.toml: cannot read"), "{err}");

    let big = dir.path().join("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 * 1024 * 1024)
        .unwrap();
    let (code, _, err) = run(&["--catalog", big.to_str().unwrap(), "list"]);
    assert_eq!(code, 2);
    assert!(err.contains("at most 67108864 bytes (64 MiB)"), "{err}");
}

/// Bytes that must never reach a terminal from catalog text.
fn assert_inert(output: &str, what: &str) {
    for (i, c) in output.chars().enumerate() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}');
        assert!(
            !bad,
            "{what}: dangerous char U+{:04X} at {i} in {output:?}",
            c as u32
        );
    }
}

#[test]
fn hostile_catalog_is_inert_in_every_format() {
    let path = fixture("hostile.toml");
    let path = path.to_str().unwrap();
    for format in ["text", "markdown", "json"] {
        for args in [
            vec![
                "--catalog",
                path,
                "--format",
                format,
                "show",
                "0x7001",
                "99999",
            ],
            vec!["--catalog", path, "--format", format, "search", "清屏"],
            vec!["--catalog", path, "--format", format, "list"],
        ] {
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{args:?}: {err}");
            assert_inert(&out, &format!("{args:?}"));
            if format == "json" {
                let value: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert!(value.is_array());
            }
        }
    }
    let out = stdout_of(&["--catalog", path, "show", "0x7001"]);
    assert!(
        out.contains("\\x1b[2J"),
        "escapes are shown, not dropped: {out}"
    );
    assert!(out.contains("\\u{202e}"));
}

#[test]
fn closed_pipe_ends_quietly() {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' list | head -1; exit ${{PIPESTATUS:-0}}",
            assert_cmd::cargo::cargo_bin("trtc-errors").display()
        ))
        .env("TRTC_ERRORS_CONFIG_DIR", common::empty_config_dir())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn completions_and_man() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = stdout_of(&["completions", shell]);
        assert!(out.contains("trtc-errors"), "{shell}");
    }
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH trtc-errors"));
}

#[test]
fn config_is_read_and_a_broken_one_only_warns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "lang = \"en\"\n").unwrap();
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["show", "70001"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Description:") && !text.contains("描述"));

    std::fs::write(dir.path().join("config.toml"), "lang = \"klingon\"\n").unwrap();
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["show", "70001"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("config.toml:1:8:") && err.contains("using default settings"),
        "{err}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("描述") && text.contains("Description:"));

    std::fs::create_dir(dir.path().join("catalogs")).unwrap();
    std::fs::write(
        dir.path().join("catalogs/team.toml"),
        "[[entry]]\ncategory = \"account\"\ncode = 123\ndescription_zh = \"团队错误码\"\nsource = \"team\"\n",
    )
    .unwrap();
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["show", "123"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("团队错误码"));
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(
        shown.contains("team.toml") && shown.contains("# warning:"),
        "{shown}"
    );
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["config", "path"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .ends_with("config.toml"));
}

#[test]
fn sdk_diff_on_a_fixture() {
    let (code, out, _) = run(&[
        "sdk-diff",
        fixture("sdk/trtc-4.3.2-errorcode.js").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("absent   0x1002 NOT_SUPPORTED"));
    let (code, out, _) = run(&[
        "sdk-diff",
        fixture("sdk/future-errorcode.d.ts").to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("sdk_diff_future", out);
}

/// Every example line of `search --help` runs as written (through a shell, so its quoting is
/// tested too), exits 0 and prints something.
#[test]
fn search_help_examples_all_work() {
    let help = trtc_errors::cli::commands::SEARCH_HELP;
    let examples: Vec<&str> = help
        .split("Examples:")
        .nth(1)
        .expect("SEARCH_HELP has examples")
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("trtc-errors search"))
        // Two or more spaces start the comment.
        .map(|l| l.split("  ").next().unwrap_or(l))
        .collect();
    assert!(examples.len() >= 10, "{examples:?}");
    let bin = assert_cmd::cargo::cargo_bin("trtc-errors");
    for example in examples {
        // bash, not sh: dash refuses a function name with a hyphen.
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!("trtc_errors_bin=\"$1\"; trtc-errors() {{ \"$trtc_errors_bin\" \"$@\"; }}; {example}"))
            .arg("sh")
            .arg(&bin)
            .env("TRTC_ERRORS_CONFIG_DIR", common::empty_config_dir())
            .output()
            .unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(0), "{example}: {stderr}");
        assert!(!stdout.trim().is_empty(), "{example}: no result");
        if example.contains("-f json") {
            let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert!(!value.as_array().unwrap().is_empty(), "{example}");
        }
    }
}

#[test]
fn every_command_help_has_examples() {
    for command in [
        "show",
        "search",
        "list",
        "explain",
        "tui",
        "completions",
        "man",
        "config",
    ] {
        let (code, out, err) = run(&[command, "--help"]);
        assert_eq!(code, 0, "{command}: {err}");
        assert!(out.contains("Examples:"), "{command} --help: {out}");
    }
    let (_, out, _) = run(&["search", "--help"]);
    for operator in [
        "'word",
        "^word",
        "word$",
        "!word",
        "a b | c",
        "0x4004,70001",
        "0 means no limit",
    ] {
        assert!(out.contains(operator), "search --help lacks {operator}");
    }
}

#[test]
fn limit_zero_means_no_limit() {
    let all = stdout_of(&["search", "expired"]);
    assert!(all.lines().count() > 3, "{all}");
    assert_eq!(stdout_of(&["search", "--limit", "0", "expired"]), all);
    assert_eq!(stdout_of(&["search", "-n", "0", "expired"]), all);
    assert_eq!(
        stdout_of(&["search", "-n", "2", "expired"]).lines().count(),
        2
    );
}

/// `matched_by` in JSON says what happened, for each operator.
#[test]
fn matched_by_reports_each_operator() {
    let table: &[(&[&str], &str, &str)] = &[
        (&["0x4004"], "0x4004", "code"),
        (&["JOIN_ROOM_FAILED"], "0x4004", "exact key"),
        (&["join"], "0x4004", "prefix"),
        (&["^STOP"], "0x4046", "prefix"),
        (&["'CDN"], "0x4045", "exact"),
        (&["TIMEOUT$"], "0x4041", "suffix"),
        (&["subscrption"], "0x4042", "fuzzy key"),
        (&["expired"], "70001", "description"),
        (&["guoqi"], "70001", "pinyin"),
        (&["udp"], "0x4003", "keyword"),
        (&["!account"], "0x1000", "not excluded"),
        (&["kicked | banned"], "0x4040", "fuzzy key"),
        (&["0x4004,70001"], "0x4004", "code"),
        (&["timeout !server"], "0x4042", "fuzzy key"),
    ];
    for (query, display, matched_by) in table {
        let mut args = vec!["search", "--sdk", "web4", "-f", "json", "-n", "1", "--"];
        args.extend_from_slice(query);
        let out = stdout_of(&args);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value[0]["display"], *display, "{query:?}: {out}");
        assert_eq!(value[0]["matched_by"], *matched_by, "{query:?}");
    }
    let out = stdout_of(&["search", "-f", "json", "getUserMedia"]);
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value[0]["matched_by"], "keyword");
}

#[test]
fn several_codes_in_search_find_each() {
    for query in ["0x4004,70001", "0x4004 70001", "0x4004 | 70001"] {
        let out = stdout_of(&["search", "--sdk", "web4", "-f", "json", query]);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let displays: Vec<&str> = value
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["matched_by"] == "code")
            .map(|v| v["display"].as_str().unwrap())
            .collect();
        assert_eq!(displays, vec!["0x4004", "70001"], "{query}");
    }
    let out = stdout_of(&["search", "0x4004", "70001"]);
    assert!(
        out.contains("JOIN_ROOM_FAILED") && out.contains("70001"),
        "{out}"
    );
}

/// Runs `sh -c SCRIPT` with `$1` the binary; returns (exit code, stdout, stderr).
fn sh(script: &str) -> (i32, String, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(assert_cmd::cargo::cargo_bin("trtc-errors"))
        .env("TRTC_ERRORS_CONFIG_DIR", common::empty_config_dir())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A reader that goes away after one byte: never a panic, never a message, exit 0.
#[test]
fn closed_pipe_after_one_byte_is_quiet_every_time() {
    for args in [
        "completions zsh",
        "completions bash",
        "man",
        "--help",
        "list",
    ] {
        for _ in 0..20 {
            let (code, out, err) = sh(&format!("\"$1\" {args} | head -c1 >/dev/null; exit 0"));
            assert_eq!(code, 0, "{args}");
            assert!(out.is_empty());
            assert!(err.is_empty(), "{args}: {err}");
        }
    }
    // The program's own exit status, not the pipeline's.
    let (_, out, err) =
        sh("\"$1\" completions zsh | (head -c1 >/dev/null; sleep 0.2); echo \"status=$?\"");
    assert!(err.is_empty(), "{err}");
    assert!(out.contains("status=0"), "{out}");
}

#[cfg(target_os = "linux")]
#[test]
fn full_disk_is_an_error_with_exit_2() {
    for args in [
        "--help",
        "--version",
        "search --help",
        "completions zsh",
        "completions bash",
        "man",
        "list",
        "config show",
    ] {
        let (code, _, err) = sh(&format!("\"$1\" {args} > /dev/full"));
        assert_eq!(code, 2, "{args}: {err}");
        assert!(err.starts_with("trtc-errors: "), "{args}: {err}");
        assert!(!err.contains("panicked"), "{args}: {err}");
    }
}

/// No byte that a terminal acts on: ESC, BEL, other C0 controls but newline and tab, C1 controls.
fn assert_no_control_bytes(text: &str, what: &str) {
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n' && c != '\t') || ('\u{80}'..='\u{9f}').contains(&c);
        assert!(!bad, "{what}: U+{:04X} in {text:?}", c as u32);
    }
}

/// A config directory whose config file and catalogs carry OSC 52 (clipboard) sequences, in a
/// TOML value and in a file name: every message about them is sanitized.
#[test]
fn escape_sequences_in_config_and_catalog_errors_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "lang = \"\\u001b]52;c;SGVsbG8=\\u0007\"\ncolor = \"\\u009b31m\"\n",
    )
    .unwrap();
    let catalogs = dir.path().join("catalogs");
    std::fs::create_dir(&catalogs).unwrap();
    let hostile = "[[entry]]\ncategory = \"\\u001b]52;c;SGVsbG8=\\u0007\"\ncode = 1\ndescription_zh = \"x\"\nsource = \"t\"\n";
    std::fs::write(catalogs.join("osc.toml"), hostile).unwrap();
    std::fs::write(
        catalogs.join("unknown-key.toml"),
        "[[entry]]\n\"\\u001b[2J\" = 1\n",
    )
    .unwrap();
    std::fs::write(catalogs.join("name-\u{1b}]0;pwned\u{7}.toml"), "garbage").unwrap();
    let standalone = dir.path().join("standalone.toml");
    std::fs::write(&standalone, hostile).unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["config", "show"],
        vec!["config", "show", "-f", "json"],
        vec!["list", "--sdk", "web4", "--category", "account"],
        vec!["show", "\u{1b}]52;c;SGVsbG8=\u{7}"],
        vec!["show", "\u{9b}31m"],
        vec!["search", "\u{1b}]52;c;SGVsbG8=\u{7}"],
        vec!["--catalog", standalone.to_str().unwrap(), "list"],
    ];
    for args in runs {
        let out = cmd()
            .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
            .args(&args)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_no_control_bytes(&stdout, &format!("{args:?} stdout"));
        assert_no_control_bytes(&stderr, &format!("{args:?} stderr"));
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args.contains(&"json") {
            let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(value["skipped"].as_array().unwrap().len(), 3, "{stdout}");
        }
    }
    // The escapes are shown, not dropped: the user can still see what is in the file.
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["config", "show"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("\\x1b]52;c;SGVsbG8=\\x07"), "{shown}");
    assert!(shown.contains("name-\\x1b]0;pwned\\x07.toml"), "{shown}");
}

/// The rule for broken files in the config catalogs directory: skipped with a warning, the
/// command works and its exit code is unaffected; `config show` lists them as skipped.
#[test]
fn broken_files_in_the_catalogs_directory_are_skipped_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let catalogs = dir.path().join("catalogs");
    std::fs::create_dir(&catalogs).unwrap();
    std::fs::write(
        catalogs.join("good.toml"),
        "[[entry]]\ncategory = \"account\"\ncode = 123\ndescription_zh = \"团队错误码\"\nsource = \"team\"\n",
    )
    .unwrap();
    std::fs::write(catalogs.join("broken.toml"), "[[entry]\n").unwrap();
    std::fs::write(
        catalogs.join("huge-code.toml"),
        "[[entry]]\ncategory = \"account\"\ncode = 99999999999999999999\ndescription_zh = \"x\"\nsource = \"t\"\n",
    )
    .unwrap();
    let run_in = |args: &[&str]| {
        let out = cmd()
            .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, err) = run_in(&["show", "123"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("团队错误码"));
    assert!(err.contains("broken.toml:1:"), "{err}");
    assert!(
        err.contains("huge-code.toml:3:8: invalid type: integer `99999999999999999999`"),
        "{err}"
    );
    let (code, shown, _) = run_in(&["config", "show"]);
    assert_eq!(code, 0);
    let loaded = shown
        .lines()
        .find(|l| l.starts_with("catalogs = "))
        .unwrap();
    assert!(
        loaded.contains("good.toml") && !loaded.contains("broken.toml"),
        "{shown}"
    );
    assert!(
        shown.contains("# skipped catalog: ") && shown.contains("broken.toml:1:"),
        "{shown}"
    );
    let (_, json, _) = run_in(&["config", "show", "-f", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let files = |key: &str| -> Vec<String> {
        value[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(files("catalogs"), vec!["good.toml"]);
    assert_eq!(files("skipped"), vec!["broken.toml", "huge-code.toml"]);
}

/// `config show` reports the settings after flags and environment, and where each came from.
#[test]
fn config_show_reports_what_is_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    let show = |args: &[&str], envs: &[(&str, &str)]| -> String {
        let mut c = cmd();
        c.env("TRTC_ERRORS_CONFIG_DIR", dir.path());
        for (k, v) in envs {
            c.env(k, v);
        }
        let out = c.args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = show(&["config", "show"], &[]);
    assert!(
        text.contains("config.toml: none (no such file; defaults apply)"),
        "{text}"
    );
    assert!(text.contains("lang = \"both\"  # default"), "{text}");

    std::fs::write(
        dir.path().join("config.toml"),
        "lang = \"zh\"\nsdk = \"web4\"\n",
    )
    .unwrap();
    let text = show(
        &["--lang", "en", "--sdk", "web5", "config", "show"],
        &[("NO_COLOR", "1")],
    );
    assert!(text.contains("config.toml: read"), "{text}");
    assert!(text.contains("lang = \"en\"  # command line"), "{text}");
    assert!(text.contains("sdk = \"web5\"  # command line"), "{text}");
    assert!(
        text.contains("color = \"auto\"  # default; off: NO_COLOR is set"),
        "{text}"
    );
    let text = show(&["config", "show"], &[]);
    assert!(text.contains("lang = \"zh\"  # config file"), "{text}");
    assert!(text.contains("sdk = \"web4\"  # config file"), "{text}");

    let json = show(
        &[
            "--color", "always", "-l", "en", "config", "show", "-f", "json",
        ],
        &[],
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["config_file_state"], "read");
    let setting = |name: &str| {
        value["settings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(setting("lang")["value"], "en");
    assert_eq!(setting("lang")["from"], "command_line");
    assert_eq!(setting("color")["value"], "always");
    assert_eq!(setting("color")["note"], "on");
    assert_eq!(setting("sdk")["from"], "config_file");

    let text = show(&["--no-config", "config", "show"], &[]);
    assert!(
        text.contains("# config file: ignored (--no-config)"),
        "{text}"
    );
}

// Arguments as ripgrep and tealdeer users type them (#27).

#[test]
fn negative_codes_need_no_double_dash() {
    let native = stdout_of(&["show", "--", "-3301"]);
    assert!(native.starts_with("-3301 ERR_ROOM_ENTER_FAIL"), "{native}");
    assert_eq!(stdout_of(&["-3301"]), native);
    assert_eq!(stdout_of(&["--", "-3301"]), native);
    assert_eq!(stdout_of(&["show", "-3301"]), native);
    let account = stdout_of(&["show", "--", "-8"]);
    assert_eq!(stdout_of(&["-8"]), account);
    let both = stdout_of(&["-3301", "-8"]);
    assert_eq!(both, format!("{native}\n{account}"));
    assert_eq!(stdout_of(&["show", "-3301", "-8"]), both);
}

#[test]
fn flags_work_before_and_after_the_codes() {
    let json = stdout_of(&["show", "16388", "-f", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON, for jq");
    assert_eq!(value[0]["display"], "0x4004");
    assert_eq!(stdout_of(&["16388", "-f", "json"]), json);
    assert_eq!(stdout_of(&["-f", "json", "16388"]), json);
    assert_eq!(stdout_of(&["--format=json", "16388"]), json);
    let english = stdout_of(&["show", "16388", "--lang", "en"]);
    assert_eq!(stdout_of(&["16388", "--lang", "en"]), english);
    assert_eq!(stdout_of(&["--lang", "en", "16388"]), english);
    assert_eq!(
        stdout_of(&["-3301", "--sdk", "native", "-f", "json"]),
        stdout_of(&["show", "-3301", "--sdk", "native", "-f", "json"])
    );
    assert_eq!(
        stdout_of(&["--sdk", "web5", "show", "5000"]),
        stdout_of(&["show", "5000", "--sdk", "web5"])
    );
}

#[test]
fn a_mistyped_command_is_named_not_looked_up() {
    for (typed, meant) in [("serach", "search"), ("shwo", "show"), ("lsit", "list")] {
        let (code, out, err) = run(&[typed, "join"]);
        assert_eq!(code, 2, "{typed}: {err}");
        assert!(out.is_empty(), "{typed}: {out}");
        assert!(
            err.contains(&format!("did you mean '{meant}'?")),
            "{typed}: {err}"
        );
    }
    // Words people search for are no typos of a command, however alike they look.
    for word in ["kicked", "expired", "join", "timeout"] {
        let (_, _, err) = run(&[word]);
        assert!(!err.contains("did you mean"), "{word}: {err}");
    }
    // A word that is a code or a key is looked up, however close to a command it is.
    let (code, _, err) = run(&["face"]);
    assert_ne!(code, 2, "{err}");
    let (code, _, err) = run(&["zzzz"]);
    assert_eq!(code, 1, "no command is like it: {err}");
    assert!(err.contains("no such code"), "{err}");
}

#[test]
fn md_is_markdown() {
    let markdown = stdout_of(&["show", "70001", "-f", "markdown"]);
    assert!(markdown.starts_with("### "), "{markdown}");
    assert_eq!(stdout_of(&["show", "70001", "-f", "md"]), markdown);
    assert_eq!(stdout_of(&["70001", "--format", "md"]), markdown);
}

// Files and errors (#28).

#[cfg(unix)]
#[test]
fn sdk_diff_refuses_a_fifo_and_a_device_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("trtc.js");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    for (path, kind) in [
        (fifo.to_str().unwrap(), "a FIFO"),
        ("/dev/zero", "a character device"),
    ] {
        let started = std::time::Instant::now();
        let (code, _, err) = run(&["sdk-diff", path]);
        assert_eq!(code, 2, "{path}: {err}");
        assert!(err.contains(kind), "{path}: {err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
}

#[cfg(unix)]
#[test]
fn a_read_error_is_not_called_a_write_error() {
    let (code, _, err) = sh("\"$1\" explain < /");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("cannot read the input"), "{err}");
    assert!(!err.contains("cannot write"), "{err}");
}

// One view for every format (#22): the version's key spelling, the language, the 5.x note.

#[test]
fn every_format_spells_the_key_as_the_version_does() {
    for (version, spelled) in [
        ("4.4.0", "SIGNAL_CAHNNEL_SETUP_FAILED"),
        ("4.6.1", "SIGNAL_CHANNEL_SETUP_FAILED"),
    ] {
        let args = ["show", "0x4001", "--sdk-version", version];
        let text = stdout_of(&args);
        assert!(
            text.starts_with(&format!("0x4001 (16385) {spelled}\n")),
            "{text}"
        );
        let markdown = stdout_of(&[&args[..], &["-f", "md"]].concat());
        assert!(markdown.starts_with(&format!("### `0x4001` (16385) `{spelled}`")));
        let json = stdout_of(&[&args[..], &["-f", "json"]].concat());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["key"], spelled, "{version}");
        let list = stdout_of(&["list", "--sdk-version", version]);
        assert!(list.contains(&format!("0x4001  {spelled}")), "{list}");
    }
}

#[test]
fn lang_zh_has_no_english_labels_and_lang_en_no_chinese_headline() {
    let zh = stdout_of(&["show", "0x4004", "--lang", "zh"]);
    for english in ["Related:", "Category:", "Since:", "Docs:", "Description:"] {
        assert!(!zh.contains(english), "{english} under --lang zh:\n{zh}");
    }
    assert!(zh.contains("/doc/zh-cn/"), "{zh}");
    let en = stdout_of(&["show", "70001", "--lang", "en"]);
    assert!(en.starts_with("70001 userSig has expired\n"), "{en}");
    assert!(!en.contains('帐'), "{en}");
    let md = stdout_of(&["show", "70001", "--lang", "en", "-f", "md"]);
    assert!(md.starts_with("### `70001` userSig has expired\n"), "{md}");
    assert!(md.contains("- **Docs:** <https://"), "{md}");
}

#[test]
fn show_has_the_web5_error_model_note() {
    let out = stdout_of(&["show", "5400", "--sdk", "web5", "--lang", "en"]);
    assert!(
        out.contains("5.x errors:") && out.contains("there is no getCode()"),
        "{out}"
    );
}

// Filters say what they hid (#27).

#[test]
fn a_config_filter_that_hides_a_code_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "sdk = \"web5\"\n").unwrap();
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["16388"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("web4:0x4004 JOIN_ROOM_FAILED is hidden by sdk = \"web5\" in ")
            && err.contains("config.toml"),
        "{err}"
    );
    let out = cmd()
        .env("TRTC_ERRORS_CONFIG_DIR", dir.path())
        .args(["search", "kicked"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("outside sdk = \"web5\""), "{err}");
}

#[test]
fn command_line_filters_that_hide_a_code_are_named() {
    let (code, _, err) = run(&["show", "0x4040", "--sdk-version", "5.8.6"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("CLIENT_BANNED is hidden by --sdk-version 5.8.6"),
        "{err}"
    );
    let (code, _, err) = run(&["show", "0x4049", "--sdk-version", "4.3.2"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("hidden by --sdk-version 4.3.2 (defined from 4.10.2)"),
        "{err}"
    );
    let (code, _, err) = run(&["-3301", "--sdk", "web4"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("native:-3301 ERR_ROOM_ENTER_FAIL is hidden by --sdk web4"),
        "{err}"
    );
}

#[test]
fn an_unpublished_version_is_refused_with_its_neighbours() {
    for args in [
        &["--sdk-version", "5.0.0", "list"][..],
        &["show", "5000", "--sdk-version", "5.0.0"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains(
                "5.0.0 is not a published trtc-sdk-v5 version; the nearest are 5.2.0, 5.5.2, 5.6.2"
            ),
            "{err}"
        );
    }
    let (code, _, err) = run(&["list", "--sdk-version", "4.5.0"]);
    assert_eq!(code, 2);
    assert!(err.contains("4.4.0, 4.6.1"), "{err}");
    assert_eq!(run(&["list", "--sdk-version", "5.8.6"]).0, 0);
}

// On a terminal: `show` wraps inside its columns and long output is paged (#27).

/// Runs the binary on a `cols` × `rows` pty until it exits; returns the bytes it wrote.
#[cfg(unix)]
fn on_a_terminal(args: &[&str], envs: &[(&str, &str)], cols: u16, rows: u16) -> String {
    use std::io::Read;
    let (master, mut child) = common::pty::spawn_sized(args, envs, cols, rows);
    let mut reader = master.try_clone_reader().unwrap();
    let collector = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        bytes
    });
    let status = child.wait().unwrap();
    assert!(status.success(), "{args:?} exited {status:?}");
    drop(master);
    String::from_utf8_lossy(&collector.join().unwrap()).replace("\r\n", "\n")
}

#[cfg(unix)]
#[test]
fn show_wraps_inside_its_columns_on_a_terminal() {
    let piped = stdout_of(&["show", "16388", "--color", "never"]);
    assert!(
        piped.lines().any(|l| trtc_errors::width::width(l) > 100),
        "no wrapping into a pipe"
    );
    for cols in [80u16, 100] {
        let out = on_a_terminal(
            &["show", "16388", "--color", "never", "--paging", "never"],
            &[],
            cols,
            300,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("0x4004 (16388) JOIN_ROOM_FAILED"),
            "{out}"
        );
        // A URL is never cut (the terminal would no longer see one link); everything else fits.
        for line in lines.iter().filter(|l| !l.contains("https://")) {
            assert!(
                trtc_errors::width::width(line) <= usize::from(cols),
                "{cols}: {line:?}"
            );
        }
        // Continuation lines hang under the value column, never at column 0.
        let value_column =
            trtc_errors::width::width(&lines[1][..lines[1].find("进房失败").unwrap()]);
        for line in lines.iter().skip(1).filter(|l| !l.is_empty()) {
            assert!(line.starts_with("  "), "{cols}: {line:?}");
            let text_starts = line.len() - line.trim_start().len();
            assert!(
                text_starts == 2 || text_starts >= value_column,
                "{cols}: {line:?}"
            );
        }
        // 禁则: no line starts with closing punctuation.
        assert!(!lines
            .iter()
            .any(|l| l.trim_start().starts_with(['，', '。', '：', '；'])));
        // The same words as in a pipe, only laid out.
        let words = |text: &str| text.split_whitespace().collect::<String>();
        assert_eq!(words(&out), words(&piped), "{cols}");
    }
}

#[cfg(unix)]
#[test]
fn the_pager_is_used_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let pager = dir.path().join("pager.sh");
    std::fs::write(&pager, "#!/bin/sh\necho PAGED-BY-TEST\ncat\n").unwrap();
    std::fs::set_permissions(&pager, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let pager = pager.to_str().unwrap();
    // Taller than the screen: paged.
    let tall = on_a_terminal(&["show", "16388"], &[("PAGER", pager)], 100, 20);
    assert!(tall.starts_with("PAGED-BY-TEST"), "{tall}");
    assert!(tall.contains("JOIN_ROOM_FAILED"));
    // It fits: not paged, unless asked.
    let fits = on_a_terminal(
        &["search", "JOIN_ROOM_FAILED", "-n", "1"],
        &[("PAGER", pager)],
        100,
        20,
    );
    assert!(!fits.contains("PAGED-BY-TEST"), "{fits}");
    let always = on_a_terminal(
        &[
            "search",
            "JOIN_ROOM_FAILED",
            "-n",
            "1",
            "--paging",
            "always",
        ],
        &[("PAGER", pager)],
        100,
        20,
    );
    assert!(always.starts_with("PAGED-BY-TEST"), "{always}");
    let never = on_a_terminal(
        &["show", "16388", "--paging", "never"],
        &[("PAGER", pager)],
        100,
        20,
    );
    assert!(!never.contains("PAGED-BY-TEST"));
    // Into a pipe: never, whatever --paging says.
    for paging in ["auto", "always"] {
        let out = cmd()
            .env("PAGER", pager)
            .args(["show", "16388", "--paging", paging])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            !text.contains("PAGED-BY-TEST") && text.starts_with("0x4004"),
            "{paging}"
        );
    }
}

#[test]
fn every_page_the_man_page_names_is_generated() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        written.contains(&"trtc-errors.1".to_string()),
        "{written:?}"
    );
    // Every trtc-errors-NAME(1) any page refers to is one of the files.
    for page in &written {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        for (i, _) in text.match_indices("(1)") {
            let start = text[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\\'))
                .map_or(0, |s| s + 1);
            let name = text[start..i].replace("\\-", "-");
            if name.starts_with("trtc-errors") {
                assert!(
                    written.contains(&format!("{name}.1")),
                    "{page} names {name}(1)"
                );
            }
        }
    }
    for command in ["show", "search", "list", "explain", "config"] {
        assert!(
            written.contains(&format!("trtc-errors-{command}.1")),
            "{command}"
        );
        let page = stdout_of(&["man", command]);
        assert!(
            page.contains(&format!(".TH trtc-errors-{command} 1")),
            "{page}"
        );
        assert_eq!(
            page,
            std::fs::read_to_string(dir.path().join(format!("trtc-errors-{command}.1"))).unwrap()
        );
    }
    assert!(stdout_of(&["man", "config", "path"]).contains(".TH trtc-errors-config-path 1"));
    let (code, _, err) = run(&["man", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("the commands are show, search"), "{err}");
}

/// The examples of `--help` line up in display columns (a Chinese word is two columns wide).
#[test]
fn help_examples_line_up() {
    let help = stdout_of(&["--help"]);
    let examples = help
        .split("Examples:")
        .nth(1)
        .unwrap()
        .split("Exit codes:")
        .next()
        .unwrap();
    let mut columns = std::collections::BTreeSet::new();
    for line in examples
        .lines()
        .filter(|l| l.starts_with("  trtc-errors") || l.starts_with("  pbpaste"))
    {
        if let Some(gap) = line[2..].find("  ") {
            let command = &line[..2 + gap];
            columns.insert(
                trtc_errors::width::width(command) + 2 + line[2 + gap..].len()
                    - line[2 + gap..].trim_start().len()
                    - 2,
            );
        }
    }
    assert_eq!(
        columns.len(),
        1,
        "descriptions start at columns {columns:?}:\n{examples}"
    );
}

/// `completions` and `man` need no catalog, so a broken one does not break them.
#[test]
fn completions_and_man_work_with_a_broken_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[[entry]]\ncode = \"nope\"\n").unwrap();
    let broken = broken.to_str().unwrap();
    for args in [
        &["--catalog", broken, "completions", "bash"][..],
        &["--catalog", broken, "man"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.contains("trtc-errors"), "{args:?}");
    }
    assert_eq!(run(&["--catalog", broken, "list"]).0, 2);
}

/// `explain` explains as `show` does: wrapped inside the columns on a terminal, and the key spelled
/// as `--sdk-version` spells it, in text and JSON (#27).
#[cfg(unix)]
#[test]
fn explain_wraps_on_a_terminal_and_follows_the_sdk_version() {
    let out = on_a_terminal(
        &["explain", "--color", "never", "error code 16388"],
        &[],
        80,
        300,
    );
    assert!(out.contains("JOIN_ROOM_FAILED"), "{out}");
    for line in out.lines().filter(|l| !l.contains("https://")) {
        assert!(trtc_errors::width::width(line) <= 80, "{line:?}");
    }
    let text = stdout_of(&["explain", "--sdk-version", "4.6.1", "error code 0x4001"]);
    assert!(text.contains("SIGNAL_CHANNEL_SETUP_FAILED"), "{text}");
    let json = stdout_of(&[
        "explain",
        "-f",
        "json",
        "--sdk-version",
        "4.6.1",
        "code 0x4001",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value[0]["entry"]["key"], "SIGNAL_CHANNEL_SETUP_FAILED",
        "{json}"
    );
}
