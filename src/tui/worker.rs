//! Searching off the UI thread, for catalogs large enough that a search could delay a keystroke.
//!
//! Requests carry a generation number; the worker always answers the newest request it has (older
//! ones still waiting are skipped), and the app applies only the answer to its latest request, so a
//! result for an older query is never shown for a newer one. A newer request also cancels the
//! search under way: the worker searches the catalog in slices and looks for a newer request
//! between them, so a pathological query (20,000 one-letter words) cannot keep newer ones waiting.
//!
//! The event loop owns the worker: it hands it the app's [`crate::tui::action::Effect::Search`]
//! requests and gives the answers back to the app as [`crate::tui::action::Action::Searched`]. It
//! does not poll for them: after each answer the worker calls the waker it was spawned with, which
//! puts an event on the loop's channel.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;

use crate::search::{Engine, Hit};
use crate::tui::action::{SearchRequest, SearchResult};

/// From this many entries on, the browser searches in the background.
pub const BACKGROUND_FROM: usize = 20_000;

/// Entries searched between two looks for a newer request. Large enough that slicing costs nothing
/// measurable on ordinary queries (the engine searches a slice this size in parallel), small enough
/// that an expensive query is abandoned within a fraction of a second.
const SLICE: usize = 4096;

/// What a worker calls after sending an answer: the event loop's wake-up, handed in by whoever
/// creates the worker (no process-wide state).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

pub struct SearchWorker {
    requests: Sender<SearchRequest>,
    results: Receiver<SearchResult>,
}

impl SearchWorker {
    /// Starts the worker thread; `None` when the system will not give us one (a low `ulimit -v`):
    /// the browser then searches on its own thread rather than fail.
    pub fn spawn(engine: Arc<Engine>, waker: Option<Waker>) -> Option<SearchWorker> {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, results) = mpsc::channel::<SearchResult>();
        let spawned = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let mut next = None;
                loop {
                    let mut request = match next.take() {
                        Some(request) => request,
                        None => match inbox.recv() {
                            Ok(request) => request,
                            Err(_) => return,
                        },
                    };
                    // Skip to the newest request: the user has typed on since the older ones.
                    loop {
                        match inbox.try_recv() {
                            Ok(newer) => request = newer,
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    let hits = match search_unless_superseded(&engine, &request, &inbox) {
                        Searched::Hits(hits) => hits,
                        Searched::Superseded(newer) => {
                            next = Some(newer);
                            continue;
                        }
                        Searched::Disconnected => return,
                    };
                    let result = SearchResult {
                        generation: request.generation,
                        query: request.query,
                        scope: request.scope,
                        hits,
                    };
                    if outbox.send(result).is_err() {
                        return;
                    }
                    if let Some(wake) = &waker {
                        wake();
                    }
                }
            });
        spawned.ok().map(|_| SearchWorker { requests, results })
    }

    /// Queues a search. Returns false if the worker is gone (the caller then searches itself).
    pub fn request(&self, request: SearchRequest) -> bool {
        self.requests.send(request).is_ok()
    }

    /// The newest finished result, if any.
    pub fn latest(&self) -> Option<SearchResult> {
        let mut latest = None;
        while let Ok(result) = self.results.try_recv() {
            latest = Some(result);
        }
        latest
    }

    /// Blocks until a result arrives (tests and the first frame).
    pub fn wait(&self) -> Option<SearchResult> {
        self.results.recv().ok()
    }
}

enum Searched {
    Hits(Vec<Hit>),
    Superseded(SearchRequest),
    Disconnected,
}

/// The engine's answer to `request`, computed slice by slice; gives up as soon as a newer request
/// is waiting. Equal to one `search_within` over every candidate: code hits do not depend on the
/// candidates (each slice finds the same ones; they are kept once), text hits are per entry, and
/// the engine's order (score, then catalog order) is total, so sorting the union reproduces it.
fn search_unless_superseded(
    engine: &Engine,
    request: &SearchRequest,
    inbox: &Receiver<SearchRequest>,
) -> Searched {
    let (query, scope) = (&request.query, request.scope);
    let narrowed = request
        .narrow_from
        .as_deref()
        .map(|hits| crate::search::group::narrowing_candidates(engine.catalog(), hits));
    let all: Vec<usize>;
    let candidates: &[usize] = match &narrowed {
        Some(c) => c,
        None => {
            all = (0..engine.catalog().len()).collect();
            &all
        }
    };
    // An empty query lists the scope, a query of only negated terms names codes: both are quick.
    let cheap = query.is_empty() || query.terms.iter().all(|t| t.negated);
    if cheap || candidates.len() <= SLICE {
        let hits = engine.search_within(query, scope, narrowed.as_deref());
        return Searched::Hits(engine.group(hits, query, scope));
    }
    // Code hits come from the code index whatever the candidates are: with no candidates the
    // engine answers with them alone.
    let mut hits = engine.search_within(query, scope, Some(&[]));
    let codes: Vec<usize> = hits.iter().map(|h| h.index).collect();
    for slice in candidates.chunks(SLICE) {
        match inbox.try_recv() {
            Ok(newer) => return Searched::Superseded(newer),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => return Searched::Disconnected,
        }
        let found = engine.search_within(query, scope, Some(slice));
        hits.extend(found.into_iter().filter(|h| !codes.contains(&h.index)));
    }
    crate::search::sort_hits(&mut hits);
    // Grouped after the merge: which rows are one failure depends on the whole list.
    Searched::Hits(engine.group(hits, query, scope))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Scope};
    use crate::query::Query;
    use std::time::{Duration, Instant};

    fn big_engine() -> Arc<Engine> {
        // Many copies of the built-in entries, with codes shifted so each is distinct.
        let builtin = Catalog::builtin().unwrap();
        let mut entries = Vec::new();
        for copy in 0.. {
            if entries.len() >= 3 * SLICE {
                break;
            }
            for entry in builtin.entries() {
                let mut entry = entry.clone();
                entry.code += copy * 1_000_000;
                entries.push(entry);
            }
        }
        Arc::new(Engine::new(Catalog::from_entries(entries)))
    }

    fn request(generation: u64, text: &str, narrow_from: Option<Vec<usize>>) -> SearchRequest {
        SearchRequest {
            generation,
            query: Query::parse(text),
            scope: Scope::default(),
            narrow_from,
        }
    }

    #[test]
    fn slices_give_the_same_answer_as_one_search() {
        let engine = big_engine();
        let (_keep, inbox) = mpsc::channel();
        for text in [
            "join",
            "过期",
            "0x4004",
            "16388",
            "room -join",
            "房 失败",
            "x",
        ] {
            let whole = engine.search(&Query::parse(text), Scope::default());
            let Searched::Hits(sliced) =
                search_unless_superseded(&engine, &request(1, text, None), &inbox)
            else {
                panic!("not superseded, the channel is empty");
            };
            let key = |h: &Vec<Hit>| h.iter().map(|h| (h.index, h.score)).collect::<Vec<_>>();
            assert_eq!(key(&sliced), key(&whole), "{text}");
        }
        // Narrowing within candidates too.
        let candidates: Vec<usize> = (0..engine.catalog().len()).step_by(3).collect();
        let join = Query::parse("join");
        let expanded = crate::search::group::narrowing_candidates(engine.catalog(), &candidates);
        let whole = engine.group(
            engine.search_within(&join, Scope::default(), Some(&expanded)),
            &join,
            Scope::default(),
        );
        let Searched::Hits(sliced) =
            search_unless_superseded(&engine, &request(1, "join", Some(candidates)), &inbox)
        else {
            panic!("not superseded");
        };
        assert_eq!(sliced.len(), whole.len());
    }

    #[test]
    fn a_newer_request_cancels_a_slow_search() {
        let engine = big_engine();
        let (sender, inbox) = mpsc::channel();
        // 20,000 characters of one-letter words.
        let slow: String = "a b c d e ".repeat(2000);
        sender.send(request(2, "join", None)).unwrap();
        let started = Instant::now();
        match search_unless_superseded(&engine, &request(1, &slow, None), &inbox) {
            Searched::Superseded(newer) => assert_eq!(newer.generation, 2),
            _ => panic!("the older search ran to the end"),
        }
        assert!(started.elapsed() < Duration::from_secs(30));
    }

    #[test]
    fn the_worker_answers_the_newest_request_and_wakes_the_loop() {
        let engine = big_engine();
        let (woken, wakes) = mpsc::channel();
        let woken = std::sync::Mutex::new(woken);
        let waker: Waker = Arc::new(move || {
            let _ = woken.lock().unwrap().send(());
        });
        let worker = SearchWorker::spawn(engine, Some(waker)).expect("a thread for the worker");
        let slow: String = "a b c d e ".repeat(2000);
        assert!(worker.request(request(1, &slow, None)));
        assert!(worker.request(request(2, "join", None)));
        wakes.recv_timeout(Duration::from_secs(60)).unwrap();
        let result = worker.latest().unwrap();
        assert_eq!(result.generation, 2);
        assert!(!result.hits.is_empty());
    }
}
