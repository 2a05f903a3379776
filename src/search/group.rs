//! One failure, one hit: a server code and the per-SDK rows that are the same code (web4 `70001`,
//! native `-70001`, server `70001`) form a group, and a list of hits shows the group once — as the
//! row of the scope's own family when the scope names one that has a row, else as the server
//! entry. Every list goes through here (search, `show`, the browser's list, explain's mentions),
//! so the shells cannot group differently.

use std::collections::{HashMap, HashSet};

use crate::catalog::{Catalog, Family, Scope};

/// The entries that are one server code with entry `index`, the server entry first; empty when
/// `index` is in no group.
pub fn same_code(catalog: &Catalog, index: usize) -> Vec<usize> {
    // A bitset first, then the identity only: grouping runs over every hit, and a catalog read
    // in place would read each hit's entry to learn its family.
    if !catalog.in_server_group(index) {
        return Vec::new();
    }
    let Some((family, _, _)) = catalog.id(index) else {
        return Vec::new();
    };
    let head = match family {
        Family::Server => index,
        _ => match catalog.server_code_of(index) {
            Some(head) => head,
            None => return Vec::new(),
        },
    };
    let mut group = vec![head];
    group.extend(catalog.members_of(head));
    if group.len() < 2 {
        return Vec::new();
    }
    group
}

/// The family a scope is about: the one it names, or its version's.
fn family_of(scope: Scope) -> Option<Family> {
    scope.family.or(scope.version.and_then(|v| v.family()))
}

/// Which member shows a group in `scope`: the scope's family's row, else the server entry, else
/// `fallback` (the best-ranked member the list had).
pub fn representative(catalog: &Catalog, group: &[usize], scope: Scope, fallback: usize) -> usize {
    let admitted = |i: &&usize| catalog.get(**i).is_some_and(|e| scope.admits(e));
    family_of(scope)
        .and_then(|f| {
            group
                .iter()
                .filter(admitted)
                .find(|&&i| catalog.id(i).is_some_and(|id| id.0 == f))
        })
        .or_else(|| {
            group
                .iter()
                .filter(admitted)
                .find(|&&i| catalog.id(i).is_some_and(|id| id.0 == Family::Server))
        })
        .copied()
        .unwrap_or(fallback)
}

/// Collapses each group that has two or more members in `items` (in order, best first) to one
/// item at the place of its best-ranked member, naming the representative through `set_index`.
/// A lone member stays as it is: `show -70001` is the native row.
pub fn collapse<T>(
    catalog: &Catalog,
    items: Vec<T>,
    scope: Scope,
    index_of: impl Fn(&T) -> usize,
    set_index: impl Fn(&mut T, usize),
) -> Vec<T> {
    collapse_placed(catalog, items, scope, index_of, set_index)
        .into_iter()
        .map(|(item, _)| item)
        .collect()
}

/// [`collapse`], each item with its [`catalog_position`]: a list of 100,000 hits learns every
/// hit's group once, for both.
pub fn collapse_placed<T>(
    catalog: &Catalog,
    items: Vec<T>,
    scope: Scope,
    index_of: impl Fn(&T) -> usize,
    set_index: impl Fn(&mut T, usize),
) -> Vec<(T, usize)> {
    let groups: Vec<Vec<usize>> = items
        .iter()
        .map(|t| same_code(catalog, index_of(t)))
        .collect();
    let mut count: HashMap<usize, usize> = HashMap::new();
    for group in groups.iter().filter(|g| !g.is_empty()) {
        *count.entry(group[0]).or_default() += 1;
    }
    let mut done: HashSet<usize> = HashSet::new();
    let mut out = Vec::with_capacity(items.len());
    for (mut item, group) in items.into_iter().zip(groups) {
        let position = group
            .iter()
            .copied()
            .min()
            .unwrap_or_else(|| index_of(&item));
        if group.is_empty() || count[&group[0]] < 2 {
            out.push((item, position));
            continue;
        }
        if !done.insert(group[0]) {
            continue;
        }
        let rep = representative(catalog, &group, scope, index_of(&item));
        set_index(&mut item, rep);
        out.push((item, position));
    }
    out
}

/// Where entry `index` stands in catalog order as a row: a grouped row where the group's first
/// member does (the per-SDK rows come before the server's own), any other row where it is.
pub fn catalog_position(catalog: &Catalog, index: usize) -> usize {
    same_code(catalog, index).into_iter().min().unwrap_or(index)
}

/// The entries a query that narrows the one behind `hits` must look at: every hit, and for a
/// grouped hit (which stands for its group) every member, so that the narrowed search ranks the
/// group as the whole search would. Sorted, each once.
pub fn narrowing_candidates(catalog: &Catalog, hits: &[usize]) -> Vec<usize> {
    let mut all: Vec<usize> = Vec::with_capacity(hits.len());
    for &index in hits {
        let group = same_code(catalog, index);
        if group.is_empty() {
            all.push(index);
        } else {
            all.extend(group);
        }
    }
    all.sort_unstable();
    all.dedup();
    all
}

/// The other members of entry `index`'s group, as `same as server:70001, native:-70001`: the tag a
/// grouped row carries in every list.
pub fn same_code_tag(catalog: &Catalog, index: usize) -> Option<String> {
    let others: Vec<String> = same_code(catalog, index)
        .into_iter()
        .filter(|&i| i != index)
        .map(|i| catalog.entry(i).qualified())
        .collect();
    (!others.is_empty()).then(|| format!("same as {}", others.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Category;

    fn find(catalog: &Catalog, family: Family, display: &str) -> usize {
        catalog
            .index_of(catalog.find(family, display).unwrap())
            .unwrap()
    }

    #[test]
    fn a_group_shows_as_its_familys_row_or_the_server_entry() {
        let catalog = Catalog::builtin().unwrap();
        let web4 = find(&catalog, Family::Web4, "70001");
        let native = find(&catalog, Family::Native, "-70001");
        let server = find(&catalog, Family::Server, "70001");
        assert_eq!(same_code(&catalog, web4), [server, web4, native]);
        let items = vec![native, 0, web4, server];
        let shown = |scope| collapse(&catalog, items.clone(), scope, |&i| i, |i, r| *i = r);
        assert_eq!(shown(Scope::default()), [server, 0]);
        let web4_scope = Scope {
            family: Some(Family::Web4),
            ..Scope::default()
        };
        assert_eq!(shown(web4_scope), [web4, 0]);
        // A lone member stays itself.
        assert_eq!(
            collapse(
                &catalog,
                vec![native],
                Scope::default(),
                |&i| i,
                |i, r| *i = r
            ),
            [native]
        );
        assert_eq!(
            same_code_tag(&catalog, server).unwrap(),
            "same as web4:70001, native:-70001"
        );
        assert_eq!(catalog.entries()[server].category, Category::Result);
    }

    #[test]
    fn the_group_bitset_agrees_with_the_groups() {
        let catalog = Catalog::builtin().unwrap();
        let mut grouped = 0;
        for index in 0..catalog.len() {
            let in_bitset = catalog.in_server_group(index);
            // same_code asks the bitset first: compare with the groups worked out from the
            // server entries' members directly.
            let by_members = catalog.server_code_of(index).is_some()
                || (catalog.id(index).unwrap().0 == Family::Server
                    && !catalog.members_of(index).is_empty());
            assert_eq!(
                in_bitset,
                by_members,
                "{}",
                catalog.entry(index).qualified()
            );
            grouped += usize::from(in_bitset);
        }
        assert!(grouped > 30, "{grouped}");
    }
}
