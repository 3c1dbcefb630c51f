//! Prioritization rounds and their ballots.

use crate::rows::bad;
use crate::sql::{Conn, args};
use crate::store::SqlStore;
use crate::writes;
use async_trait::async_trait;
use idespor_domain::audit::AuditEntry;
use idespor_domain::round::{Ballot, BallotIdea, Method, PublishedRound, Round, RoundInput, Voter, Voters};
use idespor_domain::store::RoundStore;
use idespor_domain::{DecisionId, DomainError, DomainResult, IdeaId, RoundId, UserId};
use jiff::Timestamp;
use std::collections::{BTreeMap, HashMap};

async fn rounds(c: &Conn, one: Option<RoundId>) -> DomainResult<Vec<Round>> {
    let mut found = c
        .all(
            "SELECT r.id, r.title, r.description, r.method, r.budget, r.voters, r.opens_at, r.closes_at, u.name, \
             r.created_at, r.decision_id FROM rounds r LEFT JOIN users u ON u.id = r.created_by \
             WHERE ($1 IS NULL OR r.id = $1) ORDER BY r.opens_at DESC, r.id DESC",
            args![one],
            |r| {
                let (method, voters) = (r.text(3)?, r.text(5)?);
                Ok(Round {
                    id: RoundId(r.i64(0)?),
                    title: r.text(1)?,
                    description: r.text(2)?,
                    method: Method::parse(&method).ok_or_else(|| bad("round method", &method))?,
                    budget: r.i32(4)?,
                    voters: Voters::parse(&voters).ok_or_else(|| bad("round voters", &voters))?,
                    opens_at: r.ts(6)?,
                    closes_at: r.ts(7)?,
                    created_by: r.opt_text(8)?,
                    created_at: r.ts(9)?,
                    decision_id: r.opt_i64(10)?.map(DecisionId),
                    ideas: Vec::new(),
                })
            },
        )
        .await?;
    let mut by_round: HashMap<RoundId, Vec<BallotIdea>> = HashMap::new();
    for (round, idea) in c
        .all(
            "SELECT ri.round_id, i.id, i.title, i.need, i.support_count FROM round_ideas ri \
             JOIN ideas i ON i.id = ri.idea_id WHERE ($1 IS NULL OR ri.round_id = $1) ORDER BY ri.round_id, i.id",
            args![one],
            |r| {
                Ok((
                    RoundId(r.i64(0)?),
                    BallotIdea {
                        idea_id: IdeaId(r.i64(1)?),
                        title: r.text(2)?,
                        need: r.text(3)?,
                        support_count: r.i64(4)?,
                    },
                ))
            },
        )
        .await?
    {
        by_round.entry(round).or_default().push(idea);
    }
    for round in &mut found {
        round.ideas = by_round.remove(&round.id).unwrap_or_default();
    }
    Ok(found)
}

#[async_trait]
impl RoundStore for SqlStore {
    async fn insert_round(
        &self,
        input: &RoundInput,
        created_by: UserId,
        at: Timestamp,
        audit: AuditEntry,
    ) -> DomainResult<RoundId> {
        self.db
            .write(|c| async move {
                let id = c
                    .int(
                        "INSERT INTO rounds (title, description, method, budget, voters, opens_at, closes_at, \
                         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                        args![
                            &input.title,
                            &input.description,
                            input.method.as_str(),
                            input.budget,
                            input.voters.as_str(),
                            input.opens_at.as_second(),
                            input.closes_at.as_second(),
                            created_by.0,
                            at.as_second()
                        ],
                    )
                    .await?;
                for idea in &input.ideas {
                    c.exec("INSERT INTO round_ideas (round_id, idea_id) VALUES ($1, $2)", args![id, idea.0]).await?;
                }
                writes::audit(&c, &audit, Some(id)).await?;
                Ok(RoundId(id))
            })
            .await
    }

    async fn round_published_as(&self, decision: DecisionId) -> DomainResult<Option<PublishedRound>> {
        self.db
            .read(|c| async move {
                c.opt(
                    "SELECT r.id, r.title, r.method, r.budget, (SELECT COUNT(*) FROM ballots b WHERE b.round_id = r.id) \
                     FROM rounds r WHERE r.decision_id = $1",
                    args![decision.0],
                    |r| {
                        let method = r.text(2)?;
                        Ok(PublishedRound {
                            id: RoundId(r.i64(0)?),
                            title: r.text(1)?,
                            method: Method::parse(&method).ok_or_else(|| bad("round method", &method))?,
                            budget: r.i32(3)?,
                            ballots: r.i64(4)?,
                        })
                    },
                )
                .await
            })
            .await
    }

    async fn list_rounds(&self) -> DomainResult<Vec<Round>> {
        self.db.read(|c| async move { rounds(&c, None).await }).await
    }

    async fn get_round(&self, id: RoundId) -> DomainResult<Option<Round>> {
        self.db.read(|c| async move { Ok(rounds(&c, Some(id)).await?.into_iter().next()) }).await
    }

    async fn cast_ballot(
        &self,
        round: RoundId,
        voter: &Voter,
        by: UserId,
        at: Timestamp,
        values: &BTreeMap<IdeaId, i32>,
        audit: AuditEntry,
    ) -> DomainResult<()> {
        self.db
            .write(|c| async move {
                // Checked again inside the transaction: a write that waited past the close, or
                // past the publication, is refused.
                let open = c
                    .opt(
                        "SELECT id FROM rounds WHERE id = $1 AND closes_at > $2 AND decision_id IS NULL",
                        args![round, at.as_second()],
                        |r| r.i64(0),
                    )
                    .await?;
                if open.is_none() {
                    return Err(DomainError::Conflict("round_closed"));
                }
                // The ballot row first: on PostgreSQL its lock makes a second ballot of the same
                // voter wait, then replace this one whole; never a mix of the two.
                c.exec(
                    "INSERT INTO ballots (round_id, voter_key, voter_label, cast_by, cast_at) VALUES ($1, $2, $3, $4, $5) \
                     ON CONFLICT (round_id, voter_key) DO UPDATE SET voter_label = excluded.voter_label, \
                     cast_by = excluded.cast_by, cast_at = excluded.cast_at",
                    args![round, &voter.key, &voter.label, by.0, at.as_second()],
                )
                .await?;
                c.exec("DELETE FROM ballot_entries WHERE round_id = $1 AND voter_key = $2", args![round, &voter.key])
                    .await?;
                for (idea, value) in values {
                    c.exec(
                        "INSERT INTO ballot_entries (round_id, voter_key, idea_id, value) VALUES ($1, $2, $3, $4)",
                        args![round, &voter.key, idea.0, *value],
                    )
                    .await?;
                }
                writes::audit(&c, &audit, Some(round.0)).await
            })
            .await
    }

    async fn ballots(&self, round: RoundId) -> DomainResult<Vec<Ballot>> {
        self.db
            .read(|c| async move {
                let mut values: HashMap<String, BTreeMap<IdeaId, i32>> = HashMap::new();
                for (voter, idea, value) in c
                    .all(
                        "SELECT voter_key, idea_id, value FROM ballot_entries WHERE round_id = $1",
                        args![round],
                        |r| Ok((r.text(0)?, IdeaId(r.i64(1)?), r.i32(2)?)),
                    )
                    .await?
                {
                    values.entry(voter).or_default().insert(idea, value);
                }
                c.all(
                    "SELECT b.voter_key, b.voter_label, b.cast_by, u.name, b.cast_at FROM ballots b \
                     LEFT JOIN users u ON u.id = b.cast_by WHERE b.round_id = $1 ORDER BY b.voter_label, b.voter_key",
                    args![round],
                    |r| {
                        let voter = r.text(0)?;
                        Ok(Ballot {
                            values: values.remove(&voter).unwrap_or_default(),
                            voter,
                            voter_label: r.text(1)?,
                            cast_by: r.opt_text(3)?,
                            cast_by_id: r.opt_i64(2)?.map(UserId),
                            cast_at: r.ts(4)?,
                        })
                    },
                )
                .await
            })
            .await
    }
}
