//! The typed explanation of one entry: a headline, then labelled fields of a kind. Text, Markdown,
//! the CLI's colours and the TUI's detail pane all render this value; none of them re-parses text.

use crate::catalog::{Catalog, CatalogEntry, Category, Family};

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

/// What a field says. Each kind is rendered by every surface; new sections are one variant each.
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
    /// The label, worded once for every surface. Migration labels depend on which side the
    /// entry is on.
    pub fn label(self, family: Family) -> &'static str {
        match self {
            FieldKind::Family => "SDK",
            FieldKind::Aliases => "Aliases",
            FieldKind::Renamed => "Renamed",
            FieldKind::Category => "Category",
            FieldKind::Parent => "Under",
            FieldKind::DescriptionZh => "描述",
            FieldKind::DescriptionEn => "Description",
            FieldKind::RaisedWhenZh => "触发条件",
            FieldKind::RaisedWhenEn => "Raised when",
            FieldKind::ExtraCodeZh => "extraCode 含义",
            FieldKind::ExtraCodeEn => "Extra code",
            FieldKind::AdviceZh => "处理建议",
            FieldKind::AdviceEn => "What to do",
            FieldKind::Templates => "SDK message",
            FieldKind::Apis => "Thrown by",
            FieldKind::MigrationZh => match family {
                Family::Web5 => "4.x 中",
                _ => "5.x 中",
            },
            FieldKind::MigrationEn => match family {
                Family::Web5 => "In 4.x",
                _ => "In 5.x",
            },
            FieldKind::Since => "Since",
            FieldKind::Until => "Last defined in",
            FieldKind::RaisedIn => "Raised in",
            FieldKind::NotRaisedSince => "Not raised since",
            FieldKind::Deprecated => "Deprecated",
            FieldKind::Related => "Related",
            FieldKind::ReferencedBy => "Referenced by",
            FieldKind::Docs => "Docs",
            FieldKind::Source => "Source",
        }
    }

    /// Provenance for maintainers; a ticket's reader gets the doc link instead.
    pub fn is_provenance(self) -> bool {
        self == FieldKind::Source
    }
}

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
    /// Key, or type label for keyless account codes; may be empty.
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

fn category_text(entry: &CatalogEntry) -> String {
    let base = match (entry.family, entry.category) {
        (Family::Web4, Category::Sdk) => "SDK (RtcError.getCode())",
        (Family::Web5, Category::Sdk) => "SDK (error.code)",
        (_, Category::Extra) => "extraCode (error.extraCode)",
        (_, Category::Account) => "Account (server)",
        (_, Category::Error) => "Error (onError errCode)",
        (_, Category::Warning) => "Warning (onWarning warningCode)",
        (_, Category::Sdk) => "SDK",
    };
    match &entry.type_label {
        Some(t) => format!("{base} · {t}"),
        None => base.to_string(),
    }
}

fn code_ref(catalog: &Catalog, from: Family, reference: &crate::catalog::CodeRef) -> CodeRef {
    match catalog.resolve(reference) {
        Some(i) => entry_ref(catalog, from, i),
        None => CodeRef {
            index: None,
            family: reference.family,
            display: reference.display(),
            title: String::new(),
            foreign: reference.family != from,
        },
    }
}

fn entry_ref(catalog: &Catalog, from: Family, index: usize) -> CodeRef {
    let e = &catalog.entries()[index];
    CodeRef {
        index: Some(index),
        family: e.family,
        display: e.display(),
        title: e.key.clone().unwrap_or_default(),
        foreign: e.family != from,
    }
}

/// Builds the explanation of `entry` (which must belong to `catalog`) in `lang`.
pub fn explain(entry: &CatalogEntry, catalog: &Catalog, lang: Lang) -> Explanation {
    let family = entry.family;
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
                label: kind.label(family),
                value: value.expect("checked above"),
            });
        }
    };
    let text = |t: &Option<String>| t.clone().map(Value::Text);
    // Chinese is shown when asked for, and in place of English that is missing.
    let zh = |en_missing: bool| lang.shows_zh() || en_missing;

    push(FieldKind::Family, Some(Value::Text(family_text(family))));
    push(
        FieldKind::Aliases,
        Some(Value::Items(entry.aliases.clone())),
    );
    push(
        FieldKind::Renamed,
        Some(Value::Items(
            entry
                .renamed
                .iter()
                .map(|r| format!("{} → {} in SDK {}", r.from, r.to, r.version))
                .collect(),
        )),
    );
    push(FieldKind::Category, Some(Value::Text(category_text(entry))));
    push(
        FieldKind::Parent,
        entry.parent.as_ref().map(|p| Value::Codes {
            codes: vec![code_ref(catalog, family, p)],
            total: 1,
        }),
    );
    if zh(entry.description.en.is_none()) {
        push(
            FieldKind::DescriptionZh,
            Some(Value::Text(entry.description.zh.clone())),
        );
    }
    if lang.shows_en() {
        push(FieldKind::DescriptionEn, text(&entry.description.en));
    }
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
    push(
        FieldKind::Since,
        entry
            .since
            .as_ref()
            .map(|v| Value::Text(format!("SDK {v}"))),
    );
    push(
        FieldKind::Until,
        entry
            .until
            .as_ref()
            .map(|v| Value::Text(format!("SDK {v}"))),
    );
    push(
        FieldKind::RaisedIn,
        entry.raised_in.as_ref().map(|r| Value::Text(r.to_string())),
    );
    push(
        FieldKind::NotRaisedSince,
        entry
            .not_raised_since
            .as_ref()
            .map(|v| Value::Text(format!("SDK {v} (still defined, nothing raises it)"))),
    );
    push(FieldKind::Deprecated, text(&entry.deprecated));
    push(
        FieldKind::Related,
        Some(Value::Codes {
            codes: entry
                .related
                .iter()
                .map(|r| code_ref(catalog, family, r))
                .collect(),
            total: entry.related.len(),
        }),
    );
    // Links go both ways in the data; what is already under Related is not repeated here.
    let related: Vec<Option<usize>> = entry.related.iter().map(|r| catalog.resolve(r)).collect();
    let referenced: Vec<usize> = catalog
        .index_of(entry)
        .map(|i| catalog.referenced_by(i))
        .unwrap_or(&[])
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
                .map(|&i| entry_ref(catalog, family, i))
                .collect(),
            total: referenced.len(),
        }),
    );
    push(FieldKind::Docs, text(&entry.doc_url));
    push(FieldKind::Source, Some(Value::Text(entry.source.clone())));

    Explanation {
        family,
        category: entry.category,
        code: code_both_ways(entry),
        title: entry.title().to_string(),
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
        let zh = explain(entry, &catalog, Lang::Zh);
        assert!(zh.field(FieldKind::DescriptionZh).is_some());
        assert!(zh.field(FieldKind::DescriptionEn).is_none());
        assert!(zh.field(FieldKind::Aliases).is_none());
        let en = explain(entry, &catalog, Lang::En);
        assert!(en.field(FieldKind::DescriptionZh).is_none());
        assert!(en.field(FieldKind::DescriptionEn).is_some());
    }

    #[test]
    fn headline_has_the_code_both_ways() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4004").unwrap();
        let e = explain(entry, &catalog, Lang::Both);
        assert_eq!(e.headline(), "0x4004 (16388) JOIN_ROOM_FAILED");
        assert_eq!(e.fields[0].kind, FieldKind::Family);
    }

    #[test]
    fn referenced_by_comes_from_the_catalog_index() {
        let catalog = Catalog::builtin().unwrap();
        let entry = catalog.find_display("0x4001").unwrap();
        let e = explain(entry, &catalog, Lang::Both);
        let Some(Field {
            value: Value::Codes { codes, total },
            ..
        }) = e.field(FieldKind::ReferencedBy)
        else {
            panic!("0x4001 is referenced by account codes");
        };
        assert!(*total > codes.len() || !codes.is_empty());
    }
}
