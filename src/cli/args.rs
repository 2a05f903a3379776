//! The command line's shape: clap definitions, the only place clap appears. Each value type here
//! mirrors a core type and converts into it, so the core never derives clap traits.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::pager::Paging;
use crate::catalog::{Category, Family, Scope, SdkVersion};
use crate::config::ColorChoice;
use crate::explanation::Lang;
use crate::render::Format;
use crate::session::Options;

pub const AFTER_HELP: &str = "\
Examples:
  trtc-errors                          open the interactive browser
  trtc-errors show 16388               the code the browser console printed (= 0x4004)
  trtc-errors 16388 -f json            the same as JSON: a code alone is `show`
  trtc-errors -3301                    a native / Electron code; flags go anywhere
  trtc-errors show 0x4004 70001        several codes at once
  trtc-errors show 5000 --sdk web5     one SDK family only (web4, web5, native)
  trtc-errors show SIGNAL_CAHNNEL_SETUP_FAILED
  trtc-errors search 过期 --format markdown
  trtc-errors search guoqi             pinyin works too (full or initials: gq)
  trtc-errors search 'join fail'       every word must match (search --help: operators)
  trtc-errors list --sdk-version 4.4.0
                                       the codes that version defines, spelled its way
  pbpaste | trtc-errors                explain every code found in a pasted log
  trtc-errors tui --query 签名         open the browser with a query typed in
  trtc-errors --catalog team.toml list add your own catalog file
  trtc-errors config show              the settings in effect and where they come from
  trtc-errors completions bash > ~/.local/share/bash-completion/completions/trtc-errors
  trtc-errors man > ~/.local/share/man/man1/trtc-errors.1
  trtc-errors man --dir DIR            every page: trtc-errors.1, trtc-errors-show.1, …

Exit codes:
  0  found (or the command succeeded)
  1  nothing found
  2  usage error, or a catalog file could not be loaded

Environment:
  NO_COLOR                 no colour (as --color never; --color always wins)
  PAGER                    the pager for long output on a terminal [default: less -FRX]
  TRTC_ERRORS_CONFIG_DIR   the directory of config.toml and catalogs/
  TRTC_ERRORS_CACHE_DIR    where large user catalogs are cached; TRTC_ERRORS_NO_CACHE=1: no cache
  TRTC_ERRORS_CLIPBOARD    osc52: the browser copies by OSC 52, not the system clipboard

Files:
  ~/.config/trtc-errors/config.toml   settings (see `trtc-errors config path`)
  ~/.config/trtc-errors/catalogs/     every *.toml in it is an extra catalog";

/// Look up, search and explain TRTC error codes: Web SDK 4.x and 5.x, and the native / Electron SDK.
///
/// Holds every Web SDK 4.x `RtcError` code and account / userSig code, every 5.x code and extraCode,
/// and every native error and warning; finds any of them by hex, by the decimal the console prints,
/// by key, by a Chinese word, by pinyin or by English, and explains it in text, Markdown or JSON.
/// With no command on a terminal it opens an interactive browser; with text piped in, it explains it.
#[derive(Debug, Parser)]
#[command(
    name = "trtc-errors",
    version,
    about,
    long_about,
    after_help = AFTER_HELP
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Load more entries from this catalog file (repeatable); same family + category + code replaces.
    #[arg(long = "catalog", value_name = "FILE", global = true)]
    pub catalogs: Vec<PathBuf>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, global = true)]
    pub format: Option<FormatArg>,

    /// Description language: Chinese, English or both [default: config, else both].
    #[arg(long, short = 'l', value_enum, global = true)]
    pub lang: Option<LangArg>,

    /// Colour: auto = only on a terminal and when NO_COLOR is unset.
    #[arg(long, value_enum, global = true)]
    pub color: Option<ColorArg>,

    /// Only this SDK family [default: config `sdk`, else all].
    #[arg(long, value_enum, global = true)]
    pub sdk: Option<SdkArg>,

    /// Only the codes this SDK version defines, under the key spelling it uses (4.4.0, 5.8.6).
    #[arg(long, value_name = "VERSION", value_parser = parse_version, global = true)]
    pub sdk_version: Option<SdkVersion>,

    /// Page output taller than the terminal through $PAGER (default `less -FRX`); never into a pipe.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    pub paging: PagingArg,

    /// Ignore the config file and the config catalogs directory.
    #[arg(long, global = true)]
    pub no_config: bool,
}

/// `trtc-errors 16388 -f json`, `trtc-errors -3301`: a code or key without a command is `show`.
/// Puts `show` in front of the first word that is no option, option value or command, so clap
/// reads every flag wherever it stands (a clap positional beside subcommands would confuse the
/// generated zsh completion). Returns the arguments and whether `show` was put in.
pub fn with_implicit_show(args: Vec<std::ffi::OsString>) -> (Vec<std::ffi::OsString>, bool) {
    use clap::CommandFactory;
    let command = Cli::command();
    let takes_value = |name: &str| {
        command.get_arguments().any(|a| {
            a.get_action().takes_values()
                && (a.get_long() == Some(name.trim_start_matches("--"))
                    || (name.len() == 2 && a.get_short() == name.chars().nth(1)))
        })
    };
    let is_command = |word: &str| {
        word == "help"
            || command
                .get_subcommands()
                .any(|c| c.get_name() == word || c.get_all_aliases().any(|a| a == word))
    };
    let mut i = 1;
    while i < args.len() {
        let word = args[i].to_string_lossy();
        let negative_number =
            word.starts_with('-') && word[1..].starts_with(|c: char| c.is_ascii_digit());
        if word == "--" {
            // `trtc-errors -- -3301`: what follows is codes.
            if i + 1 == args.len() {
                break;
            }
            let mut args = args;
            args.insert(i, "show".into());
            return (args, true);
        }
        if word.starts_with('-') && !negative_number {
            // An option; its value is the next word unless written `--opt=value` or `-fjson`.
            let bare = !word.contains('=') && (word.starts_with("--") || word.len() == 2);
            i += if bare && takes_value(&word) { 2 } else { 1 };
            continue;
        }
        if is_command(&word) {
            return (args, false);
        }
        let mut args = args;
        args.insert(i, "show".into());
        return (args, true);
    }
    (args, false)
}

fn parse_version(text: &str) -> Result<SdkVersion, String> {
    let v = SdkVersion::parse(text)
        .ok_or_else(|| format!("`{text}` is not a version like 4.4.0 or 5.8.6"))?;
    let Some(family) = v.family() else {
        return Err(format!(
            "{v} is neither a 4.x (trtc-js-sdk) nor a 5.x (trtc-sdk-v5) version"
        ));
    };
    // A version nobody published would match nothing, silently: name the real ones near it.
    crate::sdk_versions::check(v).map_err(|nearby| {
        let nearby: Vec<String> = nearby.iter().map(SdkVersion::to_string).collect();
        format!(
            "{v} is not a published {} version; the nearest are {}",
            family.package(),
            nearby.join(", ")
        )
    })?;
    Ok(v)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Explain codes exactly: 0x4004, 4004, 16388, 70001, -8, 5001, -3301, JOIN_ROOM_FAILED.
    #[command(after_help = "Examples:
  trtc-errors show 16388
  trtc-errors show 0x4004,70001
  trtc-errors show \"5400 70001\" --sdk web5
  trtc-errors show ERR_ROOM_ENTER_FAIL -f markdown")]
    Show {
        /// Codes (hex, decimal, bare hex) or keys; several per argument with commas or spaces.
        #[arg(
            required = true,
            value_name = "CODE|KEY",
            allow_negative_numbers = true
        )]
        codes: Vec<String>,
    },
    /// Ranked search over codes, keys, descriptions (Chinese and English), pinyin and advice.
    #[command(after_help = crate::cli::commands::SEARCH_HELP)]
    Search {
        /// The query; several words must all match.
        #[arg(required = true, value_name = "QUERY", allow_negative_numbers = true)]
        query: Vec<String>,
        /// Only this category.
        #[arg(long, value_enum)]
        category: Option<CategoryArg>,
        /// Show at most this many results; 0 means no limit (the default).
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
    },
    /// The whole catalog, by family, category, then code.
    #[command(after_help = "Examples:
  trtc-errors list --sdk web5 --category extra
  trtc-errors list --sdk-version 4.4.0 -f json")]
    List {
        /// Only this category.
        #[arg(long, value_enum)]
        category: Option<CategoryArg>,
    },
    /// Find and explain every code mentioned in a pasted log or stack trace (stdin if no TEXT).
    #[command(after_help = crate::cli::commands::EXPLAIN_HELP)]
    Explain(crate::cli::explain::ExplainArgs),
    /// Open the interactive browser.
    #[command(after_help = "Examples:
  trtc-errors tui
  trtc-errors tui --query 签名
  trtc-errors tui -q 'kicked | banned' --sdk web4")]
    Tui {
        /// Start with this query typed in.
        #[arg(long, short = 'q')]
        query: Option<String>,
    },
    /// Pick codes in the browser (on /dev/tty) and print them: Enter prints the selected code
    /// (or those marked with Ctrl-Space), one a line, exit 0; Esc or Ctrl-C prints nothing, exit 130.
    #[command(after_help = "Examples:
  trtc-errors pick | xargs trtc-errors show
  trtc-errors pick --query 进房")]
    Pick {
        /// Start with this query typed in.
        #[arg(long, short = 'q')]
        query: Option<String>,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  trtc-errors completions bash > ~/.local/share/bash-completion/completions/trtc-errors
  trtc-errors completions zsh > ~/.zfunc/_trtc-errors       (a directory on $fpath)
  trtc-errors completions fish > ~/.config/fish/completions/trtc-errors.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): trtc-errors(1), or one command's; --dir writes them all.
    #[command(after_help = "Examples:
  trtc-errors man > ~/.local/share/man/man1/trtc-errors.1
  trtc-errors man show | man -l -
  trtc-errors man --dir ~/.local/share/man/man1      every page, for packagers")]
    Man {
        /// The command whose page to print (`show`, `config path`); the main page when left out.
        command: Vec<String>,
        /// Write trtc-errors.1 and one trtc-errors-COMMAND.1 per command into this directory.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
    /// Where the config file is, and what is in effect.
    #[command(after_help = "Examples:
  trtc-errors config path
  trtc-errors config show
  trtc-errors --lang en --sdk web5 config show -f json")]
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// Maintainers: compare a published SDK's ErrorCode map with the catalog.
    #[command(hide = true)]
    SdkDiff {
        /// A trtc.js / trtc.esm.js / index.d.ts from `npm pack trtc-js-sdk@VERSION`.
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the config file's path.
    Path,
    /// Print the settings in effect (after flags, environment and config file), the config file
    /// read, and the catalogs loaded or skipped.
    Show,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PagingArg {
    /// only output taller than the terminal
    Auto,
    /// all output on a terminal
    Always,
    Never,
}

impl From<PagingArg> for Paging {
    fn from(p: PagingArg) -> Paging {
        match p {
            PagingArg::Auto => Paging::Auto,
            PagingArg::Always => Paging::Always,
            PagingArg::Never => Paging::Never,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SdkArg {
    /// trtc-js-sdk 4.x
    Web4,
    /// trtc-sdk-v5
    Web5,
    /// the native SDK, as trtc-electron-sdk ships it
    Native,
    /// the TRTC servers' own result codes (each SDK filter shows those it carries, too)
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    /// 4.x RtcError codes, 5.x error.code
    Sdk,
    /// 5.x error.extraCode
    Extra,
    /// 4.x account / userSig codes
    Account,
    /// native errors
    Error,
    /// native warnings
    Warning,
    /// the servers' result codes
    Result,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Text => Format::Text,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Json => Format::Json,
        }
    }
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
            LangArg::Both => Lang::Both,
        }
    }
}

impl From<ColorArg> for ColorChoice {
    fn from(c: ColorArg) -> ColorChoice {
        match c {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

impl From<SdkArg> for Family {
    fn from(s: SdkArg) -> Family {
        match s {
            SdkArg::Web4 => Family::Web4,
            SdkArg::Web5 => Family::Web5,
            SdkArg::Native => Family::Native,
            SdkArg::Server => Family::Server,
        }
    }
}

impl From<CategoryArg> for Category {
    fn from(c: CategoryArg) -> Category {
        match c {
            CategoryArg::Sdk => Category::Sdk,
            CategoryArg::Extra => Category::Extra,
            CategoryArg::Account => Category::Account,
            CategoryArg::Error => Category::Error,
            CategoryArg::Warning => Category::Warning,
            CategoryArg::Result => Category::Result,
        }
    }
}

impl Cli {
    /// The session options these arguments ask for.
    pub fn options(&self) -> Options {
        let version = self.sdk_version;
        Options {
            catalogs: self.catalogs.clone(),
            format: self.format.map(Format::from),
            lang: self.lang.map(Lang::from),
            color: self.color.map(ColorChoice::from),
            scope: Scope {
                family: self
                    .sdk
                    .map(Family::from)
                    .or_else(|| version.and_then(SdkVersion::family)),
                category: None,
                version,
            },
            no_config: self.no_config,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn implicit(args: &[&str]) -> (Vec<String>, bool) {
        let args = std::iter::once("trtc-errors").chain(args.iter().copied());
        let (args, inserted) = with_implicit_show(args.map(Into::into).collect());
        let args = args[1..].iter().map(|a| a.to_string_lossy().into_owned());
        (args.collect(), inserted)
    }

    #[test]
    fn a_code_without_a_command_gets_show_in_front() {
        assert_eq!(
            implicit(&["-3301"]),
            (vec!["show".into(), "-3301".into()], true)
        );
        assert_eq!(
            implicit(&["-f", "json", "16388"]),
            (
                vec!["-f".into(), "json".into(), "show".into(), "16388".into()],
                true
            )
        );
        assert_eq!(implicit(&["--sdk=web5", "5000"]).0[1], "show");
        assert_eq!(implicit(&["--no-config", "5000"]).0[1], "show");
        assert_eq!(implicit(&["--", "-8"]).0, ["show", "--", "-8"]);
        for untouched in [
            &["search", "join"][..],
            &["--sdk", "web5", "list"],
            &["help"],
            &["--help"],
            &[],
            &["--"],
        ] {
            assert!(!implicit(untouched).1, "{untouched:?}");
        }
    }
}
