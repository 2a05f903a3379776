//! Rule 4: the SDK's own message text. Each template (`'{key}' is a required param when calling
//! {fnName}(), received: {value}.`) becomes its literal pieces; a line that holds every piece in
//! order is that message, and the text between the pieces is what the SDK filled in.

use crate::catalog::Catalog;

use super::Evidence;

/// Templates whose fixed text is shorter than this say too little to identify a code.
const MIN_LITERAL_CHARS: usize = 12;

struct Template {
    index: usize,
    text: String,
    /// Fixed pieces, in order; `names[i]` is the placeholder after `pieces[i]`.
    pieces: Vec<String>,
    names: Vec<String>,
    /// The template starts with a placeholder (its value precedes the first piece).
    leading: Option<String>,
}

pub(super) struct TemplateMatch {
    pub index: usize,
    /// The part of the line the template matched.
    pub matched: String,
    pub evidence: Evidence,
}

pub(super) struct Templates {
    templates: Vec<Template>,
    /// Every template's longest fixed piece, searched for at once: a line is matched only against
    /// the templates whose piece it holds, so 5,000 templates cost a line one search, not 5,000.
    anchors: Option<aho_corasick::AhoCorasick>,
}

/// Splits `a {x} b {y}` into pieces `["a ", " b "]`, names `["x", "y"]`, leading `None`.
fn compile(index: usize, text: &str) -> Option<Template> {
    let mut pieces = Vec::new();
    let mut names = Vec::new();
    let mut leading = None;
    let mut rest = text;
    let mut literal = String::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        {
            literal.push_str(&rest[..open + 1]);
            rest = &rest[open + 1..];
            continue;
        }
        literal.push_str(&rest[..open]);
        if literal.is_empty() && pieces.is_empty() {
            leading = Some(name.to_string());
        } else {
            pieces.push(std::mem::take(&mut literal));
            names.push(name.to_string());
        }
        rest = &rest[open + close + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() {
        pieces.push(literal);
    }
    let fixed: usize = pieces.iter().map(|p| p.trim().chars().count()).sum();
    (fixed >= MIN_LITERAL_CHARS).then(|| Template {
        index,
        text: text.to_string(),
        pieces,
        names,
        leading,
    })
}

impl Templates {
    pub fn new(catalog: &Catalog) -> Templates {
        let templates: Vec<Template> = catalog
            .entries()
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.templates.iter().filter_map(move |t| compile(i, t)))
            .collect();
        let anchors = aho_corasick::AhoCorasick::new(templates.iter().map(Template::anchor)).ok();
        Templates { templates, anchors }
    }

    /// The longest fixed piece of every template: a line holds a template only if it holds every
    /// piece, so that one too (what a prefilter looks for).
    pub fn anchors(&self) -> impl Iterator<Item = &str> {
        self.templates
            .iter()
            .filter_map(|t| t.pieces.iter().max_by_key(|p| p.len()).map(String::as_str))
    }

    /// Every template the line holds.
    pub fn find(&self, line: &str) -> Vec<TemplateMatch> {
        let Some(anchors) = &self.anchors else {
            return self
                .templates
                .iter()
                .filter_map(|t| t.match_line(line))
                .collect();
        };
        let mut which: Vec<usize> = anchors
            .find_overlapping_iter(line)
            .map(|m| m.pattern().as_usize())
            .collect();
        // In catalog order, each once (as the plain loop would find them).
        which.sort_unstable();
        which.dedup();
        which
            .into_iter()
            .filter_map(|i| self.templates[i].match_line(line))
            .collect()
    }
}

impl Template {
    /// The longest fixed piece: every match holds it.
    fn anchor(&self) -> &str {
        self.pieces
            .iter()
            .max_by_key(|p| p.len())
            .map_or("", String::as_str)
    }

    fn match_line(&self, line: &str) -> Option<TemplateMatch> {
        let first = self.pieces.first()?;
        let mut at = line.find(first.as_str())?;
        let start = at;
        let mut captures = Vec::new();
        if let Some(name) = &self.leading {
            let value = line[..start]
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or("");
            captures.push((name.clone(), value.to_string()));
        }
        at += first.len();
        for (i, name) in self.names.iter().enumerate() {
            match self.pieces.get(i + 1) {
                Some(next) => {
                    let found = line[at..].find(next.as_str())?;
                    captures.push((name.clone(), line[at..at + found].to_string()));
                    at += found + next.len();
                }
                None => {
                    // A trailing placeholder runs to the end of the line's word.
                    let value = line[at..].split(char::is_whitespace).next().unwrap_or("");
                    captures.push((name.clone(), value.to_string()));
                    at += value.len();
                }
            }
        }
        Some(TemplateMatch {
            index: self.index,
            matched: line[start..at].trim().to_string(),
            evidence: Evidence::Template {
                template: self.text.clone(),
                captures,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_captures_what_the_sdk_filled_in() {
        let t = compile(
            0,
            "'{key}' is a required param when calling {fnName}(), received: {value}.",
        )
        .unwrap();
        let m = t
            .match_line("INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.")
            .unwrap();
        let Evidence::Template { captures, .. } = m.evidence else {
            panic!()
        };
        assert_eq!(
            captures,
            vec![
                ("key".to_string(), "sdkAppId".to_string()),
                ("fnName".to_string(), "enterRoom".to_string()),
                ("value".to_string(), "undefined".to_string()),
            ]
        );
    }

    #[test]
    fn short_templates_identify_nothing() {
        assert!(compile(0, "{a} failed").is_none());
    }
}
