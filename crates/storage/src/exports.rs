//! Exports: whole tables as rows of typed cells (the web layer writes them as CSV or XLSX).

use crate::store::SqlStore;
use async_trait::async_trait;
use idespor_domain::DomainResult;
use idespor_domain::export::Cell;
use idespor_domain::store::ExportStore;

#[async_trait]
impl ExportStore for SqlStore {
    async fn export_ideas(&self) -> DomainResult<Vec<Vec<Cell>>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT i.id, i.title, i.status, eg.name, ao.name, pa.name, i.support_count, i.comment_count, \
                     i.created_at, i.status_changed_at, r.version, i.need FROM ideas i \
                     JOIN product_areas pa ON pa.id = i.product_area_id \
                     LEFT JOIN community_groups eg ON eg.id = i.erfa_group_id \
                     LEFT JOIN organizations ao ON ao.id = i.author_org_id \
                     LEFT JOIN releases r ON r.id = i.release_id WHERE i.status <> 'draft' ORDER BY i.id",
                    &[],
                    |r| {
                        Ok(vec![
                            Cell::Int(r.i64(0)?),
                            Cell::Text(r.text(1)?),
                            Cell::Text(r.text(11)?),
                            Cell::Label(format!("status-{}", r.text(2)?)),
                            r.opt_text(3)?.into(),
                            r.opt_text(4)?.into(),
                            Cell::Text(r.text(5)?),
                            Cell::Int(r.i64(6)?),
                            Cell::Int(r.i64(7)?),
                            Cell::Time(r.ts(8)?),
                            Cell::Time(r.ts(9)?),
                            r.opt_text(10)?.into(),
                        ])
                    },
                )
                .await
            })
            .await
    }

    async fn export_moves(&self) -> DomainResult<Vec<Vec<Cell>>> {
        self.db
            .read(|c| async move {
                c.all(
                    "SELECT e.idea_id, i.title, e.at, e.kind, e.from_status, e.to_status, u.name, o.name, e.reason, \
                     d.title, e.details FROM idea_events e JOIN ideas i ON i.id = e.idea_id LEFT JOIN users u ON u.id = e.actor_id \
                     LEFT JOIN organizations o ON o.id = u.organization_id LEFT JOIN decisions d ON d.id = e.decision_id \
                     WHERE i.status <> 'draft' ORDER BY e.id",
                    &[],
                    |r| {
                        Ok(vec![
                            Cell::Int(r.i64(0)?),
                            Cell::Text(r.text(1)?),
                            Cell::Time(r.ts(2)?),
                            Cell::Label(format!("event-{}", r.text(3)?)),
                            r.opt_text(4)?.map(|f| Cell::Label(format!("status-{f}"))).unwrap_or(Cell::Empty),
                            Cell::Label(format!("status-{}", r.text(5)?)),
                            r.opt_text(6)?.into(),
                            r.opt_text(7)?.into(),
                            // A standard decline reason is kept as its code in the details.
                            Cell::Reason(idespor_domain::idea::standard_reason_in(&r.text(10)?), r.text(8)?),
                            r.opt_text(9)?.into(),
                        ])
                    },
                )
                .await
            })
            .await
    }
}
