//! Prioritization rounds and their ballots.

use crate::db::{BeginWrite, map_err, with_db};
use crate::ideas::bad;
use crate::rows::ts;
use crate::store_impl::{SqlStore, write_audit};
use idespor_domain::audit::AuditEntry;
use idespor_domain::round::{Ballot, BallotIdea, Method, Round, RoundInput, Voter, Voters};
use idespor_domain::{DecisionId, DomainResult, IdeaId, UserId};
use jiff::Timestamp;
use std::collections::{BTreeMap, HashMap};

/// A ballot's row: voter, label, cast by (id, name), when.
type BallotRow = (String, String, Option<i64>, Option<String>, i64);

type RoundRow = (i64, String, String, String, i32, String, i64, i64, Option<String>, i64, Option<i64>);

impl SqlStore {
    pub(crate) async fn rounds_insert(
        &self,
        input: &RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<i64> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO rounds (title, description, method, budget, voters, opens_at, closes_at, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(&input.title)
            .bind(&input.description)
            .bind(input.method.as_str())
            .bind(input.budget)
            .bind(input.voters.as_str())
            .bind(input.opens_at.as_second())
            .bind(input.closes_at.as_second())
            .bind(created_by.0)
            .bind(at.as_second())
            .fetch_one(&mut *tx)
            .await
            .map_err(map_err)?;
            for idea in &input.ideas {
                sqlx::query("INSERT INTO round_ideas (round_id, idea_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(idea.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(id));
            tx.commit().await.map_err(map_err)?;
            Ok(id)
        })
    }

    async fn rounds_query(&self, one: Option<i64>) -> DomainResult<Vec<Round>> {
        let rows: Vec<RoundRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT r.id, r.title, r.description, r.method, r.budget, r.voters, r.opens_at, r.closes_at, u.name, r.created_at, r.decision_id \
             FROM rounds r LEFT JOIN users u ON u.id = r.created_by WHERE ($1 IS NULL OR r.id = $1) ORDER BY r.opens_at DESC, r.id DESC",
        )
        .bind(one)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        let ideas: Vec<(i64, i64, String, String, i64)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT ri.round_id, i.id, i.title, i.need, i.support_count FROM round_ideas ri JOIN ideas i ON i.id = ri.idea_id \
             WHERE ($1 IS NULL OR ri.round_id = $1) ORDER BY ri.round_id, i.id",
        )
        .bind(one)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        let mut by_round: HashMap<i64, Vec<BallotIdea>> = HashMap::new();
        for (round, id, title, need, support_count) in ideas {
            by_round.entry(round).or_default().push(BallotIdea { idea_id: IdeaId(id), title, need, support_count });
        }
        rows.into_iter()
            .map(|(id, title, description, method, budget, voters, opens, closes, by, created, decision)| {
                Ok(Round {
                    id,
                    title,
                    description,
                    method: Method::parse(&method).ok_or_else(|| bad("round method", &method))?,
                    budget,
                    voters: Voters::parse(&voters).ok_or_else(|| bad("round voters", &voters))?,
                    opens_at: ts(opens),
                    closes_at: ts(closes),
                    created_by: by,
                    created_at: ts(created),
                    decision_id: decision.map(DecisionId),
                    ideas: by_round.remove(&id).unwrap_or_default(),
                })
            })
            .collect()
    }

    pub(crate) async fn rounds_list(&self) -> DomainResult<Vec<Round>> {
        self.rounds_query(None).await
    }

    pub(crate) async fn rounds_get(&self, id: i64) -> DomainResult<Option<Round>> {
        Ok(self.rounds_query(Some(id)).await?.into_iter().next())
    }

    pub(crate) async fn rounds_cast(
        &self,
        round: i64,
        voter: &Voter,
        by: UserId,
        at: Timestamp,
        values: &BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        with_db!(self.db(), pool => {
            let mut tx = pool.begin_write().await.map_err(map_err)?;
            // Checked again inside the transaction: a write that waited past the close, or past
            // the publication, is refused.
            let open: Option<i64> =
                sqlx::query_scalar("SELECT id FROM rounds WHERE id = $1 AND closes_at > $2 AND decision_id IS NULL")
                    .bind(round)
                    .bind(at.as_second())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(map_err)?;
            if open.is_none() {
                return Err(idespor_domain::DomainError::Conflict("round_closed"));
            }
            // The ballot row first: on PostgreSQL its lock makes a second ballot of the same voter
            // wait, then replace this one whole; never a mix of the two.
            sqlx::query(
                "INSERT INTO ballots (round_id, voter_key, voter_label, cast_by, cast_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (round_id, voter_key) DO UPDATE SET voter_label = excluded.voter_label, cast_by = excluded.cast_by, cast_at = excluded.cast_at",
            )
            .bind(round)
            .bind(&voter.key)
            .bind(&voter.label)
            .bind(by.0)
            .bind(at.as_second())
            .execute(&mut *tx)
            .await
            .map_err(map_err)?;
            sqlx::query("DELETE FROM ballot_entries WHERE round_id = $1 AND voter_key = $2")
                .bind(round)
                .bind(&voter.key)
                .execute(&mut *tx)
                .await
                .map_err(map_err)?;
            for (idea, value) in values {
                sqlx::query("INSERT INTO ballot_entries (round_id, voter_key, idea_id, value) VALUES ($1, $2, $3, $4)")
                    .bind(round)
                    .bind(&voter.key)
                    .bind(idea.0)
                    .bind(*value)
                    .execute(&mut *tx)
                    .await
                    .map_err(map_err)?;
            }
            write_audit!(tx, audit, Some(round));
            tx.commit().await.map_err(map_err)?;
            Ok(())
        })
    }

    pub(crate) async fn rounds_ballots(&self, round: i64) -> DomainResult<Vec<Ballot>> {
        let rows: Vec<BallotRow> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT b.voter_key, b.voter_label, b.cast_by, u.name, b.cast_at FROM ballots b LEFT JOIN users u ON u.id = b.cast_by \
             WHERE b.round_id = $1 ORDER BY b.voter_label, b.voter_key",
        )
        .bind(round)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        let entries: Vec<(String, i64, i32)> = with_db!(self.db(), pool => sqlx::query_as(
            "SELECT voter_key, idea_id, value FROM ballot_entries WHERE round_id = $1",
        )
        .bind(round)
        .fetch_all(pool)
        .await)
        .map_err(map_err)?;
        let mut values: HashMap<String, BTreeMap<IdeaId, i32>> = HashMap::new();
        for (voter, idea, value) in entries {
            values.entry(voter).or_default().insert(IdeaId(idea), value);
        }
        Ok(rows
            .into_iter()
            .map(|(voter, label, by_id, by, at)| Ballot {
                values: values.remove(&voter).unwrap_or_default(),
                voter,
                voter_label: label,
                cast_by: by,
                cast_by_id: by_id.map(UserId),
                cast_at: ts(at),
            })
            .collect())
    }
}
