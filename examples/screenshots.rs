//! Renders the README's screenshots from the real view: the app is driven with the same actions a
//! user's keys produce, drawn into ratatui's TestBackend, and each cell written out as SVG text.
//!   cargo run --example screenshots -- docs/screenshots

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use trtc_errors::catalog::Catalog;
use trtc_errors::explanation::Lang;
use trtc_errors::render::Format;
use trtc_errors::search::Engine;
use trtc_errors::tui::app::{Action, App};
use trtc_errors::tui::ui;

const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;
const BG: &str = "#1e1e2e";
const FG: &str = "#d9dce6";

fn colour(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_string(),
        Color::Yellow => "#f9e2af".into(),
        Color::Cyan => "#89dceb".into(),
        Color::Green => "#a6e3a1".into(),
        Color::Red => "#f38ba8".into(),
        Color::Indexed(i) => format!("#{:02x}{:02x}{:02x}", i, i, i),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => default.to_string(),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn to_svg(buffer: &Buffer) -> String {
    let area = buffer.area;
    let (w, h) = (
        area.width as f32 * CELL_W + 16.0,
        area.height as f32 * CELL_H + 16.0,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="'DejaVu Sans Mono','Noto Sans Mono CJK SC',monospace" font-size="14">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" rx="6" fill="{BG}"/>"#
    );
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            let cell = &buffer[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = cell.symbol();
            let wide = unicode_width::UnicodeWidthStr::width(symbol).max(1);
            skip = wide - 1;
            let reversed = cell.modifier.contains(Modifier::REVERSED);
            let (mut fg, mut bg) = (colour(cell.fg, FG), colour(cell.bg, BG));
            if reversed {
                std::mem::swap(&mut fg, &mut bg);
            }
            let px = 8.0 + x as f32 * CELL_W;
            let py = 8.0 + y as f32 * CELL_H;
            if bg != BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                    CELL_W * wide as f32
                );
            }
            if symbol.trim().is_empty() {
                continue;
            }
            let weight = if cell.modifier.contains(Modifier::BOLD) {
                r#" font-weight="bold""#
            } else {
                ""
            };
            let opacity = if cell.modifier.contains(Modifier::DIM) {
                r#" opacity="0.6""#
            } else {
                ""
            };
            let underline = if cell.modifier.contains(Modifier::UNDERLINED) {
                r#" text-decoration="underline""#
            } else {
                ""
            };
            let _ = writeln!(
                out,
                r#"<text x="{px}" y="{}" fill="{fg}" textLength="{}"{weight}{opacity}{underline}>{}</text>"#,
                py + CELL_H * 0.75,
                CELL_W * wide as f32,
                escape(symbol)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

fn shot(
    dir: &std::path::Path,
    name: &str,
    width: u16,
    height: u16,
    actions: Vec<Action>,
) -> std::io::Result<()> {
    let catalog = Catalog::builtin().map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut app = App::new(
        Arc::new(Engine::new(catalog)),
        Format::Markdown,
        Lang::Both,
        true,
    );
    app.update(Action::Resize { width, height });
    for action in actions {
        app.update(action);
    }
    let mut terminal = match Terminal::new(TestBackend::new(width, height)) {
        Ok(t) => t,
        Err(never) => match never {},
    };
    if let Err(never) = terminal.draw(|f| ui::draw(f, &app)) {
        match never {}
    }
    let path = dir.join(format!("{name}.svg"));
    std::fs::write(&path, to_svg(terminal.backend().buffer()))?;
    println!("wrote {}", path.display());
    Ok(())
}

fn typed(text: &str) -> Vec<Action> {
    text.chars().map(Action::Insert).collect()
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "docs/screenshots".into()),
    );
    std::fs::create_dir_all(&dir)?;
    shot(&dir, "wide-chinese-query", 110, 30, typed("过期"))?;
    let mut narrow = typed("16388");
    narrow.push(Action::CycleLang);
    shot(&dir, "narrow-code", 60, 22, narrow)?;
    let mut help = typed("qianming");
    help.push(Action::ToggleHelp);
    shot(&dir, "help-overlay", 110, 30, help)?;
    Ok(())
}
