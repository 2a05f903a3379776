//! Copying explanations and opening doc pages: the effects the loop performs, and their status.

use super::*;

impl App {
    pub(super) fn copy(&mut self) -> Option<Effect> {
        let Some(hit) = self.selected_hit() else {
            self.status = Some("Nothing selected to copy".to_string());
            return None;
        };
        let catalog = self.engine.catalog();
        let entry = &catalog.entries()[hit.index];
        let view = crate::explanation::View::new(self.lang, self.scope().version)
            .for_sdk(self.scope().family);
        let text = render::explain(entry, catalog, self.copy_format, &view);
        let label = format!(
            "{} {} ({})",
            entry.qualified(),
            entry_title(entry),
            self.copy_format.as_str()
        )
        .replace("  ", " ");
        Some(Effect::Copy { text, label })
    }

    /// After a paste: the whole explanation of it, exactly what `explain --format F` prints.
    pub(super) fn copy_all(&mut self) -> Option<Effect> {
        let Source::Pasted {
            mentions,
            unknown,
            lines,
        } = &self.query_line.source
        else {
            return self.copy();
        };
        let text = mentions::render(
            mentions,
            unknown,
            self.engine.catalog(),
            self.copy_format,
            self.lang,
            false,
        );
        let codes = match mentions.len() + unknown.len() {
            1 => "1 code".to_string(),
            n => format!("{n} codes"),
        };
        let label = format!(
            "the explanation of {codes} in {lines} pasted line{} ({})",
            if *lines == 1 { "" } else { "s" },
            self.copy_format.as_str()
        );
        Some(Effect::Copy { text, label })
    }

    pub(super) fn open_docs(&mut self) -> Option<Effect> {
        let Some(hit) = self.selected_hit() else {
            self.status = Some("Nothing selected".to_string());
            return None;
        };
        let entry = &self.engine.catalog().entries()[hit.index];
        match entry.doc_url.as_deref().filter(|u| is_openable(u)) {
            Some(url) => Some(Effect::OpenUrl(url.to_string())),
            None => {
                self.status = Some(format!("No doc page for {}", entry.qualified()));
                None
            }
        }
    }

    /// Records the outcome of a copy in the status line.
    pub fn copied(&mut self, label: &str, outcome: Result<&str, String>) {
        self.status = Some(match outcome {
            Ok(route) => format!("Copied {label} via {route}"),
            Err(why) => why,
        });
    }

    /// Records the outcome of opening a doc page in the status line.
    pub fn opened(&mut self, url: &str, outcome: Result<(), String>) {
        self.status = Some(match outcome {
            Ok(()) => format!("Opening {url}"),
            Err(why) => why,
        });
    }
}
