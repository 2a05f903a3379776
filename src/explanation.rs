//! The typed explanation of one entry: a headline, then labelled fields of a kind. Text, Markdown,
//! the CLI's colours and the TUI's detail pane all render this value; none of them re-parses text.

use crate::catalog::{key_in, Carrier, Catalog, CatalogEntry, Category, Family, SdkVersion};

/// Which description language(s) to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    #[default]
    Both,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Zh, Lang::En, Lang::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Both => "both",
        }
    }

    /// The label the TUI shows for it.
    pub fn label(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Both => "中文+English",
        }
    }

    pub fn next(self) -> Lang {
        match self {
            Lang::Both => Lang::Zh,
            Lang::Zh => Lang::En,
            Lang::En => Lang::Both,
        }
    }

    pub fn shows_zh(self) -> bool {
        self != Lang::En
    }

    pub fn shows_en(self) -> bool {
        self != Lang::Zh
    }
}

/// What an explanation is for: the language(s) to show and the SDK version in force. Every
/// surface (show, search rows, the browser's detail pane, its copy, JSON) takes the same view, so
/// they cannot disagree about a key's spelling or a note.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct View {
    pub lang: Lang,
    /// The version in force (`--sdk-version 4.5.0`, `@4.5.0`): keys are spelled its way.
    pub version: Option<SdkVersion>,
    /// The SDK in view (`--sdk web5`, the browser's tab): a server code is told as that SDK
    /// carries it first.
    pub sdk: Option<Family>,
}

impl View {
    pub fn new(lang: Lang, version: Option<SdkVersion>) -> View {
        View {
            lang,
            version,
            sdk: None,
        }
    }

    /// The same view for the SDK of `family` (`None`: the version's family, if any).
    pub fn for_sdk(self, family: Option<Family>) -> View {
        View {
            sdk: family.or(self.version.and_then(SdkVersion::family)),
            ..self
        }
    }

    /// The SDK in view: the one named, or the version's.
    pub fn sdk(&self) -> Option<Family> {
        self.sdk.or(self.version.and_then(SdkVersion::family))
    }

    /// The entry's key as this view spells it: the version's spelling when one is in force.
    pub fn key<'a>(&self, entry: &'a CatalogEntry) -> Option<&'a str> {
        self.version
            .and_then(|v| key_in(entry, v))
            .or(entry.key.as_deref())
    }

    /// Labels in Chinese only when only Chinese is asked for: `both` keeps the English labels its
    /// users already know, with the Chinese fields labelled in Chinese beside them.
    fn chinese_labels(&self) -> bool {
        self.lang == Lang::Zh
    }
}

/// What a field says. Each kind is rendered by every surface; new sections are one variant each.
/// The order of the variants is no order of display: [`explain`] pushes them in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Family,
    Aliases,
    Renamed,
    Category,
    Parent,
    DescriptionZh,
    DescriptionEn,
    RaisedWhenZh,
    RaisedWhenEn,
    ExtraCodeZh,
    ExtraCodeEn,
    AdviceZh,
    AdviceEn,
    Templates,
    Apis,
    MigrationZh,
    MigrationEn,
    /// A server code: how each SDK hands it over, the view's SDK first.
    Carried,
    /// A per-SDK row that is a server code: that server entry.
    ServerCode,
    /// A server code: the per-SDK rows that are the same code.
    Members,
    /// How a 5.x error looks in code (`code` + `extraCode`, no getCode()): under every 5.x entry.
    ErrorModel,
    Since,
    Until,
    RaisedIn,
    NotRaisedSince,
    Deprecated,
    Related,
    ReferencedBy,
    Docs,
    Source,
}

impl FieldKind {
    /// The label, worded once for every surface, in English or (for `--lang zh`) Chinese.
    /// Migration labels depend on which side the entry is on.
    pub fn label(self, family: Family, chinese: bool) -> &'static str {
        let (en, zh) = match self {
            FieldKind::Family => ("SDK", "SDK"),
            FieldKind::Aliases => ("Aliases", "别名"),
            FieldKind::Renamed => ("Renamed", "改名"),
            FieldKind::Category => ("Category", "类别"),
            FieldKind::Parent => ("Under", "所属错误码"),
            FieldKind::DescriptionZh => ("描述", "描述"),
            FieldKind::DescriptionEn => ("Description", "Description"),
            FieldKind::RaisedWhenZh => ("触发条件", "触发条件"),
            FieldKind::RaisedWhenEn => ("Raised when", "Raised when"),
            FieldKind::ExtraCodeZh => ("extraCode 含义", "extraCode 含义"),
            FieldKind::ExtraCodeEn => ("Extra code", "Extra code"),
            FieldKind::AdviceZh => ("处理建议", "处理建议"),
            FieldKind::AdviceEn => ("What to do", "What to do"),
            FieldKind::Templates => ("SDK message", "SDK 报错信息"),
            FieldKind::Apis => ("Thrown by", "抛出接口"),
            FieldKind::MigrationZh | FieldKind::MigrationEn => match (family, self) {
                (Family::Web5, FieldKind::MigrationZh) => ("4.x 中", "4.x 中"),
                (Family::Web5, _) => ("In 4.x", "4.x 中"),
                (_, FieldKind::MigrationZh) => ("5.x 中", "5.x 中"),
                _ => ("In 5.x", "5.x 中"),
            },
            FieldKind::Carried => ("In each SDK", "各 SDK 中"),
            FieldKind::ServerCode => ("Server code", "服务端结果码"),
            FieldKind::Members => ("Same code in", "同码条目"),
            FieldKind::ErrorModel => ("5.x errors", "5.x 错误对象"),
            FieldKind::Since => ("Since", "引入版本"),
            FieldKind::Until => ("Last defined in", "最后定义于"),
            FieldKind::RaisedIn => ("Raised in", "抛出版本"),
            FieldKind::NotRaisedSince => ("Not raised since", "不再抛出自"),
            FieldKind::Deprecated => ("Deprecated", "已废弃"),
            FieldKind::Related => ("Related", "相关错误码"),
            FieldKind::ReferencedBy => ("Referenced by", "被引用于"),
            FieldKind::Docs => ("Docs", "文档"),
            FieldKind::Source => ("Source", "来源"),
        };
        if chinese {
            zh
        } else {
            en
        }
    }

    /// Provenance for maintainers; a ticket's reader gets the doc link instead.
    pub fn is_provenance(self) -> bool {
        self == FieldKind::Source
    }
}

/// How a 5.x error looks in code: people coming from 4.x look for `getCode()` and do not find it.
const WEB5_ERROR_MODEL_EN: &str = "In 5.x an error has `code` (one of 5000, 5100, 5200, 5300, \
5400, 5500, 5998, 5999) and `extraCode` (the detail, e.g. 5001, or the server's result under \
5400) as properties; there is no getCode(). `error.name` is the code's key \
(INVALID_PARAMETER). The SDK's console line ends in ` code:NNNN` in newer versions.";

const WEB5_ERROR_MODEL_ZH: &str = "5.x 的错误对象以属性给出 `code`（5000、5100、5200、5300、5400、\
5500、5998、5999 之一）和 `extraCode`（细分原因，如 5001；5400 下是服务端的结果码），没有 \
getCode()。`error.name` 是错误码的 key（INVALID_PARAMETER）。较新版本的控制台日志以 ` code:NNNN` 结尾。";

/// A code named by another entry, resolved against the catalog when it is there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRef {
    /// Where the reference points; `None` when the catalog does not hold it.
    pub index: Option<usize>,
    pub family: Family,
    pub display: String,
    /// The key; empty for keyless codes (their type label says nothing about which one).
    pub title: String,
    /// In another family than the entry that names it: shown with its family.
    pub foreign: bool,
}

impl CodeRef {
    /// `0x4001 SIGNAL_CAHNNEL_SETUP_FAILED`, `web5:5400 SERVER_ERROR`.
    pub fn label(&self) -> String {
        let code = self.code();
        if self.title.is_empty() {
            code
        } else {
            format!("{code} {}", self.title)
        }
    }

    /// The code as written in a reference: qualified by family when foreign.
    pub fn code(&self) -> String {
        if self.foreign {
            format!("{}:{}", self.family, self.display)
        } else {
            self.display.clone()
        }
    }
}

/// The value of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// Several items (conditions, templates, APIs): one line each where there is room.
    Items(Vec<String>),
    /// Codes, each a link the TUI can follow.
    Codes {
        codes: Vec<CodeRef>,
        /// How many there are in all when only the first few are listed.
        total: usize,
    },
}

impl Value {
    /// The value on one line, for surfaces that have no room for structure.
    pub fn joined(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Items(items) => items.join("; "),
            Value::Codes { codes, total } => {
                let mut s = codes
                    .iter()
                    .map(CodeRef::label)
                    .collect::<Vec<_>>()
                    .join(", ");
                if *total > codes.len() {
                    s.push_str(&format!(", … ({total} in all)"));
                }
                s
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    pub label: &'static str,
    pub value: Value,
}

/// Everything to say about one entry, in reading order, empty fields left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub family: Family,
    pub category: Category,
    /// `0x4004 (16388)` for 4.x SDK codes (the console prints the decimal), else the display form.
    pub code: String,
    /// The key as the view's version spells it; for keyless account codes their meaning in the
    /// view's language (`userSig 过期`), which says more than their category.
    pub title: String,
    pub has_key: bool,
    pub fields: Vec<Field>,
}

impl Explanation {
    /// `0x4004 (16388) JOIN_ROOM_FAILED`.
    pub fn headline(&self) -> String {
        if self.title.is_empty() {
            self.code.clone()
        } else {
            format!("{} {}", self.code, self.title)
        }
    }

    pub fn field(&self, kind: FieldKind) -> Option<&Field> {
        self.fields.iter().find(|f| f.kind == kind)
    }
}

/// How many "referenced by" codes are listed before "… (N in all)".
const REFERENCED_SHOWN: usize = 6;

/// The code as people search for it: `0x4004 (16388)` for 4.x SDK codes, the display form otherwise.
pub fn code_both_ways(entry: &CatalogEntry) -> String {
    if entry.is_hex() {
        format!("{} ({})", entry.display(), entry.code)
    } else {
        entry.display()
    }
}

fn family_text(family: Family) -> String {
    format!("{} ({})", family.label(), family.package())
}

fn category_text(entry: &CatalogEntry, chinese: bool) -> String {
    let (en, zh) = match (entry.family, entry.category) {
        (Family::Web4, Category::Sdk) => (
            "SDK (RtcError.getCode())",
            "SDK 错误码 (RtcError.getCode())",
        ),
        (Family::Web5, Category::Sdk) => ("SDK (error.code)", "SDK 错误码 (error.code)"),
        (_, Category::Extra) => ("extraCode (error.extraCode)", "extraCode (error.extraCode)"),
        (_, Category::Account) => ("Account (server)", "帐号系统（服务端）"),
        (_, Category::Error) => ("Error (onError errCode)", "错误 (onError errCode)"),
        (_, Category::Warning) => (
            "Warning (onWarning warningCode)",
            "警告 (onWarning warningCode)",
        ),
        (_, Category::Sdk) => ("SDK", "SDK"),
        (_, Category::Result) => (
            "Server result code (each SDK carries it its own way)",
            "服务端结果码（各 SDK 以各自的方式带出）",
        ),
    };
    if chinese {
        zh.to_string()
    } else {
        en.to_string()
    }
}

/// What follows the code in a headline: the key as the view's version spells it, or for a keyless
/// code its meaning in the view's language.
pub fn title(entry: &CatalogEntry, view: &View) -> String {
    match view.key(entry) {
        Some(key) => key.to_string(),
        None => meaning(entry, view.lang),
    }
}

/// The meaning of a keyless code, short enough for a headline: the description's first sentence.
fn meaning(entry: &CatalogEntry, lang: Lang) -> String {
    let text = match (lang, &entry.description.en) {
        (Lang::En, Some(en)) => en.as_str(),
        _ => entry.description.zh.as_str(),
    };
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '；' | '，' | '！')
                || (matches!(c, '.' | ';') && text[i + 1..].starts_with(' '))
                // The servers' meanings say what failed, then why after a colon.
                || (entry.family == Family::Server
                    && (matches!(c, '：' | '（')
                        || (c == ':' && text[i + 1..].starts_with(' '))
                        || (c == '(' && text[..i].ends_with(' '))))
        })
        .map_or(text.len(), |(i, _)| i);
    // A server meaning of one sentence ends in its full stop; a headline does not.
    let text = text[..end].trim();
    match entry.family {
        Family::Server => text.trim_end_matches(['.', '。']).to_string(),
        _ => text.to_string(),
    }
}

/// The native error-code page (TXLiteAVError) in Chinese, as the catalog links it, and its English
/// twin, which lives at another address (the same table, "Module: TRTC ErrorCode").
const NATIVE_DOCS_ZH: &str = "https://cloud.tencent.com/document/product/647/32257";
const NATIVE_DOCS_EN: &str = "https://trtc.io/document/40140";

/// The docs page in the view's language: the Web SDK pages exist as `/doc/zh-cn/` and `/doc/en/`;
/// the native page has its English twin on trtc.io. Both languages at once keep the Web SDK's
/// English page (as before) and the native page the catalog names.
fn doc_url_in(url: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh if url == NATIVE_DOCS_EN => NATIVE_DOCS_ZH.to_string(),
        Lang::En if url == NATIVE_DOCS_ZH => NATIVE_DOCS_EN.to_string(),
        Lang::Zh => url.replace("/doc/en/", "/doc/zh-cn/"),
        Lang::En | Lang::Both => url.replace("/doc/zh-cn/", "/doc/en/"),
    }
}

fn code_ref(
    catalog: &Catalog,
    from: Family,
    reference: &crate::catalog::CodeRef,
    view: &View,
) -> CodeRef {
    match catalog.resolve(reference) {
        Some(i) => entry_ref(catalog, from, i, view),
        None => CodeRef {
            index: None,
            family: reference.family,
            display: reference.display(),
            title: String::new(),
            foreign: reference.family != from,
        },
    }
}

fn entry_ref(catalog: &Catalog, from: Family, index: usize, view: &View) -> CodeRef {
    let e = catalog.entry(index);
    CodeRef {
        index: Some(index),
        family: e.family,
        display: e.display(),
        title: view.key(e).unwrap_or_default().to_string(),
        foreign: e.family != from,
    }
}

/// One SDK's way of handing a server code over, on one line: `Web 5.x: 5400 SERVER_ERROR with
/// extraCode -100006 (5.2.0–5.17.1)`.
pub fn carrier_line(code: i64, carrier: &Carrier, catalog: &Catalog, lang: Lang) -> String {
    let own = carrier.code(code);
    let via = carrier.via.as_ref().map(|v| {
        let mut label = v.display();
        // The key as today's SDK spells it (0x4001's key was misspelt before 4.6.1).
        let key = catalog.resolve(v).and_then(|i| {
            let e = catalog.entry(i);
            e.renamed
                .iter()
                .max_by_key(|r| r.version.version())
                .map(|r| r.to.as_str())
                .or(e.key.as_deref())
        });
        if let Some(key) = key {
            label = format!("{label} {key}");
        }
        label
    });
    let zh = lang == Lang::Zh;
    let what = match (via, carrier.read.as_deref(), zh) {
        (Some(via), Some(read), false) => format!("{via} with {read} {own}"),
        (Some(via), Some(read), true) => format!("{via}，{read} 为 {own}"),
        (Some(via), None, false) => {
            format!("{via}, without the code (only the SDK log has {own})")
        }
        (Some(via), None, true) => format!("{via}，不带出该码（只有 SDK 日志里有 {own}）"),
        (None, Some(read), _) => format!("{read} {own}"),
        (None, None, _) => own.to_string(),
    };
    let sign = match (carrier.sign, zh) {
        (crate::catalog::Sign::Negated, false) => ", negated",
        (crate::catalog::Sign::Negated, true) => "，取负",
        _ => "",
    };
    match zh {
        true => format!(
            "{}：{what}（{}{sign}）",
            carrier.family.label(),
            carrier.versions
        ),
        false => format!(
            "{}: {what} ({}{sign})",
            carrier.family.label(),
            carrier.versions
        ),
    }
}

/// A server code's carriers, the view's SDK first (then in the entry's order).
fn carriers_for<'a>(entry: &'a CatalogEntry, view: &View) -> Vec<&'a Carrier> {
    let mut carriers: Vec<&Carrier> = entry.carried.iter().collect();
    carriers.sort_by_key(|c| Some(c.family) != view.sdk());
    carriers
}

/// A reference to a server entry, titled by its meaning (server codes have no key).
fn server_ref(catalog: &Catalog, from: Family, index: usize, view: &View) -> CodeRef {
    let e = catalog.entry(index);
    CodeRef {
        title: meaning(e, view.lang),
        ..entry_ref(catalog, from, index, view)
    }
}

/// Builds the explanation of `entry` (which must belong to `catalog`) for `view`, in the order
/// someone debugging reads it: what it means, what to do, then when it is raised, the versions,
/// the links, the sources.
pub fn explain(entry: &CatalogEntry, catalog: &Catalog, view: &View) -> Explanation {
    let family = entry.family;
    let lang = view.lang;
    let chinese = view.chinese_labels();
    let mut fields = Vec::new();
    let mut push = |kind: FieldKind, value: Option<Value>| {
        let empty = match &value {
            None => true,
            Some(Value::Text(t)) => t.is_empty(),
            Some(Value::Items(items)) => items.is_empty(),
            Some(Value::Codes { codes, .. }) => codes.is_empty(),
        };
        if !empty {
            fields.push(Field {
                kind,
                label: kind.label(family, chinese),
                value: value.expect("checked above"),
            });
        }
    };
    let text = |t: &Option<String>| t.clone().map(Value::Text);
    // Chinese is shown when asked for, and in place of English that is missing.
    let zh = |en_missing: bool| lang.shows_zh() || en_missing;
    let sdk = |v: &crate::catalog::WrittenVersion| Value::Text(format!("SDK {v}"));
    let title = title(entry, view);

    // What it means and what to do.
    if zh(entry.description.en.is_none()) {
        push(
            FieldKind::DescriptionZh,
            Some(Value::Text(entry.description.zh.clone())),
        );
    }
    if lang.shows_en() {
        push(FieldKind::DescriptionEn, text(&entry.description.en));
    }
    if zh(entry.extra_code.en.is_none()) {
        push(FieldKind::ExtraCodeZh, text(&entry.extra_code.zh));
    }
    if lang.shows_en() {
        push(FieldKind::ExtraCodeEn, text(&entry.extra_code.en));
    }
    if zh(entry.advice.en.is_none()) {
        push(FieldKind::AdviceZh, text(&entry.advice.zh));
    }
    if lang.shows_en() {
        push(FieldKind::AdviceEn, text(&entry.advice.en));
    }
    push(FieldKind::Deprecated, text(&entry.deprecated));
    // A server code: how the SDKs hand it over; a row that is one: which.
    push(
        FieldKind::Carried,
        Some(Value::Items(
            carriers_for(entry, view)
                .into_iter()
                .map(|c| carrier_line(entry.code, c, catalog, lang))
                .collect(),
        )),
    );
    let server = catalog
        .index_of(entry)
        .and_then(|i| catalog.server_code_of(i));
    push(
        FieldKind::ServerCode,
        server.map(|i| Value::Codes {
            codes: vec![server_ref(catalog, family, i, view)],
            total: 1,
        }),
    );
    let members: Vec<usize> = catalog
        .index_of(entry)
        .map(|i| catalog.members_of(i))
        .unwrap_or_default();
    push(
        FieldKind::Members,
        Some(Value::Codes {
            codes: members
                .iter()
                .map(|&i| entry_ref(catalog, family, i, view))
                .collect(),
            total: members.len(),
        }),
    );
    // Where it comes from.
    push(FieldKind::Family, Some(Value::Text(family_text(family))));
    push(
        FieldKind::Category,
        Some(Value::Text(category_text(entry, chinese))),
    );
    push(
        FieldKind::Parent,
        entry.parent.as_ref().map(|p| Value::Codes {
            codes: vec![code_ref(catalog, family, p, view)],
            total: 1,
        }),
    );
    // When it is raised.
    if zh(entry.raised_when.en.is_empty()) {
        push(
            FieldKind::RaisedWhenZh,
            Some(Value::Items(entry.raised_when.zh.clone())),
        );
    }
    if lang.shows_en() {
        push(
            FieldKind::RaisedWhenEn,
            Some(Value::Items(entry.raised_when.en.clone())),
        );
    }
    push(
        FieldKind::Templates,
        Some(Value::Items(entry.templates.clone())),
    );
    push(FieldKind::Apis, Some(Value::Items(entry.apis.clone())));
    if zh(entry.migration.en.is_none()) {
        push(FieldKind::MigrationZh, text(&entry.migration.zh));
    }
    if lang.shows_en() {
        push(FieldKind::MigrationEn, text(&entry.migration.en));
    }
    if family == Family::Web5 {
        let note = if lang == Lang::Zh {
            WEB5_ERROR_MODEL_ZH
        } else {
            WEB5_ERROR_MODEL_EN
        };
        push(FieldKind::ErrorModel, Some(Value::Text(note.to_string())));
    }
    // Versions and names.
    push(
        FieldKind::Aliases,
        Some(Value::Items(
            // Every other name: the headline's spelling is not repeated, the catalog's key is
            // an alias when a version spells it otherwise.
            entry
                .names()
                .filter(|name| *name != title)
                .map(str::to_string)
                .collect(),
        )),
    );
    push(
        FieldKind::Renamed,
        Some(Value::Items(
            entry
                .renamed
                .iter()
                .map(|r| match chinese {
                    true => format!("{} → {}（SDK {} 起）", r.from, r.to, r.version),
                    false => format!("{} → {} in SDK {}", r.from, r.to, r.version),
                })
                .collect(),
        )),
    );
    push(FieldKind::Since, entry.since.as_ref().map(sdk));
    push(FieldKind::Until, entry.until.as_ref().map(sdk));
    push(
        FieldKind::RaisedIn,
        entry.raised_in.as_ref().map(|r| Value::Text(r.to_string())),
    );
    push(
        FieldKind::NotRaisedSince,
        entry.not_raised_since.as_ref().map(|v| {
            Value::Text(match chinese {
                true => format!("SDK {v}（仍有定义，但已没有代码抛出）"),
                false => format!("SDK {v} (still defined, nothing raises it)"),
            })
        }),
    );
    // Links and sources.
    push(
        FieldKind::Related,
        Some(Value::Codes {
            codes: entry
                .related
                .iter()
                .map(|r| code_ref(catalog, family, r, view))
                .collect(),
            total: entry.related.len(),
        }),
    );
    // Links go both ways in the data; what is already under Related is not repeated here.
    let related: Vec<Option<usize>> = entry.related.iter().map(|r| catalog.resolve(r)).collect();
    let referenced: Vec<usize> = catalog
        .index_of(entry)
        .map(|i| catalog.referenced_by(i))
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|i| !related.contains(&Some(*i)))
        .collect();
    push(
        FieldKind::ReferencedBy,
        Some(Value::Codes {
            codes: referenced
                .iter()
                .take(REFERENCED_SHOWN)
                .map(|&i| entry_ref(catalog, family, i, view))
                .collect(),
            total: referenced.len(),
        }),
    );
    push(
        FieldKind::Docs,
        entry
            .doc_url
            .as_deref()
            .map(|url| Value::Text(doc_url_in(url, lang))),
    );
    let mut source = entry.source.clone();
    for c in carriers_for(entry, view) {
        source.push_str(&format!("; {}: {}", c.family, c.source));
    }
    push(FieldKind::Source, Some(Value::Text(source)));

    Explanation {
        family,
        category: entry.category,
        code: code_both_ways(entry),
        title,
        has_key: entry.key.is_some(),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_follow_the_language_and_leave_out_empty_ones() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("70001").unwrap();
        let zh = explain(entry, &catalog, &View::new(Lang::Zh, None));
        assert!(zh.field(FieldKind::DescriptionZh).is_some());
        assert!(zh.field(FieldKind::DescriptionEn).is_none());
        assert!(zh.field(FieldKind::Aliases).is_none());
        let en = explain(entry, &catalog, &View::new(Lang::En, None));
        assert!(en.field(FieldKind::DescriptionZh).is_none());
        assert!(en.field(FieldKind::DescriptionEn).is_some());
    }

    #[test]
    fn headline_has_the_code_both_ways() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4004").unwrap();
        let e = explain(entry, &catalog, &View::default());
        assert_eq!(e.headline(), "0x4004 (16388) JOIN_ROOM_FAILED");
        assert_eq!(e.fields[0].kind, FieldKind::DescriptionZh);
    }

    #[test]
    fn referenced_by_comes_from_the_catalog_index() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4001").unwrap();
        let e = explain(entry, &catalog, &View::default());
        let Some(Field {
            value: Value::Codes { codes, total },
            ..
        }) = e.field(FieldKind::ReferencedBy)
        else {
            panic!("0x4001 is referenced by account codes");
        };
        assert!(*total > codes.len() || !codes.is_empty());
    }

    #[test]
    fn a_version_spells_the_headline_and_the_other_spelling_is_an_alias() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4001").unwrap();
        for (version, spelled, other) in [
            (
                "4.5.0",
                "SIGNAL_CAHNNEL_SETUP_FAILED",
                "SIGNAL_CHANNEL_SETUP_FAILED",
            ),
            (
                "4.15.22",
                "SIGNAL_CHANNEL_SETUP_FAILED",
                "SIGNAL_CAHNNEL_SETUP_FAILED",
            ),
        ] {
            let view = View::new(Lang::En, SdkVersion::parse(version));
            assert_eq!(view.key(entry), Some(spelled));
            let e = explain(entry, &catalog, &view);
            assert_eq!(e.title, spelled);
            let aliases = e.field(FieldKind::Aliases).expect("the other spelling");
            assert_eq!(
                aliases.value,
                Value::Items(vec![other.to_string()]),
                "{version}"
            );
        }
    }

    #[test]
    fn keyless_codes_are_headed_by_their_meaning_in_the_language() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("70001").unwrap();
        let en = explain(entry, &catalog, &View::new(Lang::En, None));
        assert_eq!(en.headline(), "70001 userSig has expired");
        let zh = explain(entry, &catalog, &View::new(Lang::Zh, None));
        assert_eq!(zh.headline(), "70001 userSig 过期");
        for e in [&en, &zh] {
            let docs = e
                .field(FieldKind::Docs)
                .expect("account codes have a docs link");
            assert!(docs.value.joined().contains("module-ErrorCode.html"));
        }
        assert!(!en.fields.iter().any(|f| f.value.joined().contains("帐号")));
    }

    #[test]
    fn labels_and_links_follow_the_language() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4004").unwrap();
        let zh = explain(entry, &catalog, &View::new(Lang::Zh, None));
        let en = explain(entry, &catalog, &View::new(Lang::En, None));
        for f in &zh.fields {
            assert!(
                f.label == "SDK" || !f.label.is_ascii(),
                "an English label under --lang zh: {}",
                f.label
            );
        }
        assert!(en.fields.iter().all(|f| f.label.is_ascii()));
        let link = |e: &Explanation| e.field(FieldKind::Docs).unwrap().value.joined();
        assert!(link(&zh).contains("/doc/zh-cn/"), "{}", link(&zh));
        assert!(link(&en).contains("/doc/en/"), "{}", link(&en));
        // The native page's English twin is at another address.
        let native = catalog.find(Family::Native, "-3301").unwrap();
        let native_link = |lang| link(&explain(native, &catalog, &View::new(lang, None)));
        assert_eq!(native_link(Lang::En), NATIVE_DOCS_EN);
        assert_eq!(native_link(Lang::Zh), NATIVE_DOCS_ZH);
        assert_eq!(native_link(Lang::Both), NATIVE_DOCS_ZH);
    }

    #[test]
    fn what_it_means_and_what_to_do_come_first() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4004").unwrap();
        let e = explain(entry, &catalog, &View::new(Lang::En, None));
        let at = |kind| e.fields.iter().position(|f| f.kind == kind).unwrap();
        assert_eq!(at(FieldKind::DescriptionEn), 0);
        assert!(at(FieldKind::AdviceEn) < at(FieldKind::RaisedWhenEn));
        assert!(at(FieldKind::RaisedWhenEn) < at(FieldKind::Since));
        assert!(at(FieldKind::Since) < at(FieldKind::Related));
        assert!(at(FieldKind::Related) < at(FieldKind::Source));
    }

    #[test]
    fn every_web5_entry_carries_the_error_model() {
        let catalog = Catalog::builtin().unwrap();
        for (display, family) in [("5000", Family::Web5), ("0x4004", Family::Web4)] {
            let entry = catalog
                .entries()
                .iter()
                .find(|e| e.display() == display && e.family == family)
                .unwrap();
            let e = explain(entry, &catalog, &View::default());
            assert_eq!(
                e.field(FieldKind::ErrorModel).is_some(),
                family == Family::Web5,
                "{display}"
            );
        }
    }
}
