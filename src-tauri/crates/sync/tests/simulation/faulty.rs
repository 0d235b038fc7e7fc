//! The desk's network as the seed makes it misbehave.

use std::sync::Mutex;

use proto::sync::{Hello, OpOutcome, PullRequest, PullResponse, PushRequest, PushResponse};
use sync::{SyncError, Transport};

/// The desk's real HTTP client, with a network that misbehaves as the seed says.
pub struct Faulty<'a> {
    pub inner: &'a sync::HttpHub,
    pub rng: Mutex<fastrand::Rng>,
    pub partitioned: bool,
    pub faults: bool,
    /// Pull answers seen before, to deliver one late.
    pub old_pages: Mutex<Vec<PullResponse>>,
}

impl Faulty<'_> {
    fn roll(&self, percent: u32) -> bool {
        self.faults
            && self
                .rng
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .u32(0..100)
                < percent
    }
}

impl Transport for Faulty<'_> {
    async fn hello(&self) -> Result<Hello, SyncError> {
        self.inner.hello().await
    }

    async fn push(&self, req: &PushRequest) -> Result<PushResponse, SyncError> {
        if self.partitioned {
            return Err(SyncError::Offline("partitioned".into()));
        }
        if req.ops.len() > 1 && self.roll(20) {
            // Reordered delivery: the second half of the batch reaches the hub first.
            let half = req.ops.len() / 2;
            let late = PushRequest {
                protocol: req.protocol,
                ops: req.ops[..half].to_vec(),
            };
            let early = PushRequest {
                protocol: req.protocol,
                ops: req.ops[half..].to_vec(),
            };
            let b = self.inner.push(&early).await?;
            let mut a = self.inner.push(&late).await?;
            a.results.extend(b.results);
            return Ok(a);
        }
        let answer = self.inner.push(req).await?;
        if self.roll(15) {
            // Delivered twice: the second answer must be the stored one.
            let again = self.inner.push(req).await?;
            for (x, y) in answer.results.iter().zip(&again.results) {
                assert_eq!(x.outcome, y.outcome, "a repeated push changed its answer");
                assert!(y.duplicate || matches!(y.outcome, OpOutcome::Rejected { .. }));
            }
            return Ok(again);
        }
        if self.roll(15) {
            // The hub committed; the answer is lost on the way back.
            return Err(SyncError::Offline("answer lost".into()));
        }
        Ok(answer)
    }

    async fn pull(&self, req: &PullRequest) -> Result<PullResponse, SyncError> {
        if self.partitioned {
            return Err(SyncError::Offline("partitioned".into()));
        }
        if self.roll(15) {
            let old = self
                .old_pages
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .first()
                .cloned();
            if let Some(mut page) = old {
                // A late, stale page: the desk must skip what it has and pull on.
                page.more = true;
                return Ok(page);
            }
        }
        let page = self.inner.pull(req).await?;
        self.old_pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(page.clone());
        Ok(page)
    }
}
