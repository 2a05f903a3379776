//! Searching off the UI thread, for catalogs large enough that a search could delay a keystroke.
//!
//! Requests carry a generation number; the worker always answers the newest request it has (older
//! ones still waiting are skipped), and the app applies only the answer to its latest request, so a
//! result for an older query is never shown for a newer one.

use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;

use crate::catalog::Scope;
use crate::query::Query;
use crate::search::{Engine, Hit};

/// From this many entries on, the browser searches in the background.
pub const BACKGROUND_FROM: usize = 20_000;

pub struct SearchRequest {
    pub generation: u64,
    pub query: Query,
    pub scope: Scope,
    /// Entries to look at (incremental narrowing), or all.
    pub candidates: Option<Vec<usize>>,
}

pub struct SearchResult {
    pub generation: u64,
    pub query: Query,
    pub scope: Scope,
    pub hits: Vec<Hit>,
}

pub struct SearchWorker {
    requests: Sender<SearchRequest>,
    results: Receiver<SearchResult>,
}

impl SearchWorker {
    pub fn spawn(engine: Arc<Engine>) -> SearchWorker {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, results) = mpsc::channel::<SearchResult>();
        std::thread::spawn(move || {
            while let Ok(mut request) = inbox.recv() {
                // Skip to the newest request: the user has typed on since the older ones.
                loop {
                    match inbox.try_recv() {
                        Ok(newer) => request = newer,
                        Err(TryRecvError::Empty) => break,
                        Err(TryRecvError::Disconnected) => return,
                    }
                }
                let hits = engine.search_within(
                    &request.query,
                    request.scope,
                    request.candidates.as_deref(),
                );
                let result = SearchResult {
                    generation: request.generation,
                    query: request.query,
                    scope: request.scope,
                    hits,
                };
                if outbox.send(result).is_err() {
                    return;
                }
            }
        });
        SearchWorker { requests, results }
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
