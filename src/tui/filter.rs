//! The family / kind filter cycled with Tab and chosen by clicking its tab.

use crate::catalog::{Category, Family, Scope};

/// All → Web 4.x → its SDK codes → its account codes → Web 5.x → … → Native warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Filter {
    pub family: Option<Family>,
    pub category: Option<Category>,
}

impl Filter {
    pub const ALL: Filter = Filter {
        family: None,
        category: None,
    };

    /// Every filter in Tab order.
    pub fn cycle() -> Vec<Filter> {
        let mut out = vec![Filter::ALL];
        for family in Family::ALL {
            out.push(Filter {
                family: Some(family),
                category: None,
            });
            for &category in Category::of_family(family) {
                out.push(Filter {
                    family: Some(family),
                    category: Some(category),
                });
            }
        }
        out
    }

    fn step(self, by: isize) -> Filter {
        let all = Filter::cycle();
        let at = all.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let n = all.len() as isize;
        all[((at + by) % n + n) as usize % all.len()]
    }

    pub fn next(self) -> Filter {
        self.step(1)
    }

    pub fn prev(self) -> Filter {
        self.step(-1)
    }

    /// The scope the filter shows within `base` (the session's `--sdk` / `--sdk-version`).
    pub fn scope(self, base: Scope) -> Scope {
        Scope {
            family: self.family.or(base.family),
            category: self.category.or(base.category),
            version: base.version,
        }
    }

    pub fn label(self) -> String {
        match (self.family, self.category) {
            (None, _) => "All".to_string(),
            (Some(f), None) => f.label().to_string(),
            (Some(f), Some(c)) => format!("{} {}", f.label(), c.label()),
        }
    }

    /// The tab this filter shows in: one per family (a kind filter shows in its family's tab).
    pub fn tab(self) -> Filter {
        Filter {
            family: self.family,
            category: None,
        }
    }
}
