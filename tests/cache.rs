//! Where the catalog cache goes when the home directory is not usable: nowhere. A missing HOME is
//! not created (as root that would be `/nonexistent/.cache/…`), and a relative HOME does not put
//! a cache under whatever the current directory is.

#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use std::path::Path;
use std::process::Command;

/// Runs a search over a catalog large enough to be cached, with `home` as HOME, in `cwd`.
fn search_with_home(catalog: &Path, home: &str, cwd: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_trtc-errors"))
        .arg("--no-config")
        .arg("--catalog")
        .arg(catalog)
        .args(["search", "guoqi", "--limit", "1"])
        .current_dir(cwd)
        .env("HOME", home)
        .env_remove("XDG_CACHE_HOME")
        .env_remove("TRTC_ERRORS_CACHE_DIR")
        .env_remove("TRTC_ERRORS_NO_CACHE")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(!out.stdout.is_empty(), "{out:?}");
}

#[test]
fn a_missing_or_relative_home_gets_no_cache_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("team.toml");
    std::fs::write(&catalog, synthetic::catalog_toml(1_000, 5)).unwrap();
    assert!(std::fs::metadata(&catalog).unwrap().len() >= 256 * 1024);
    // Settled, so that it would be cached if there were a place for the cache.
    std::thread::sleep(trtc_errors::cache::SETTLE + std::time::Duration::from_millis(300));

    let missing = dir.path().join("nonexistent");
    search_with_home(&catalog, missing.to_str().unwrap(), dir.path());
    assert!(!missing.exists(), "the missing home was created");

    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    search_with_home(&catalog, "relative-home", &work);
    let left: Vec<_> = std::fs::read_dir(&work).unwrap().flatten().collect();
    assert!(
        left.is_empty(),
        "a cache under the current directory: {left:?}"
    );

    // A home that is there gets its cache.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    search_with_home(&catalog, home.to_str().unwrap(), dir.path());
    assert!(home.join(".cache/trtc-errors").is_dir());
}
