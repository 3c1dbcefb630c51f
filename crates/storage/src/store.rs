//! [`SqlStore`]: the domain's [`Store`] on either database. Each area's trait is implemented in
//! the file of the same name (`community.rs`, `accounts.rs`, `ideas.rs`, …).

use crate::db::Db;
use async_trait::async_trait;
use idespor_domain::store::Store;
use idespor_domain::{DomainError, DomainResult};

#[derive(Debug, Clone)]
pub struct SqlStore {
    pub(crate) db: Db,
}

impl SqlStore {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
    pub fn db(&self) -> &Db {
        &self.db
    }
}

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> DomainResult<()> {
        self.db
            .read(|c| async move { c.int("SELECT 1", &[]).await })
            .await
            .map(|_| ())
            .map_err(|e| DomainError::Unavailable(e.to_string()))
    }
}
