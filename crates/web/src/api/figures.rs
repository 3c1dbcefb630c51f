//! API handlers for the influence figures.
use super::ApiReader;
use crate::error::{ApiError, ErrorBody};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

type ApiResult<T> = Result<T, ApiError>;

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct FiguresQuery {
    /// community, group:<id> or org:<id>
    pub scope: Option<String>,
    /// YYYY-MM-DD (Copenhagen), included
    pub from: Option<String>,
    /// YYYY-MM-DD (Copenhagen), included
    pub to: Option<String>,
    /// csv or xlsx for a file instead of JSON.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StageTimeDto {
    pub stage: String,
    pub count: usize,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresDto {
    pub scope: String,
    pub from: String,
    pub to: String,
    /// written, submitted, solved_by_configuration, forwarded, prioritized, accepted, planned,
    /// delivered, declined: ideas for which that happened in the period.
    pub counts: BTreeMap<String, i64>,
    /// Declines by the level that declined (erfa, steering, product).
    pub declines: BTreeMap<String, i64>,
    pub stage_times: Vec<StageTimeDto>,
    pub target_days: i64,
    pub answered_within_target: i64,
    pub answered_late: i64,
    /// Ideas answered late in the period or still waiting past the target: (id, days, answered).
    pub late: Vec<(i64, i64, bool)>,
    /// Each release's customer ideas and other items (the whole community, whatever the scope).
    pub release_shares: Vec<ReleaseShareDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReleaseShareDto {
    pub version: String,
    pub customer_ideas: i64,
    pub other_items: i64,
    /// Whole percent, rounded down; null for an empty release.
    pub customer_share: Option<u32>,
}

/// Influence figures for the community, an erfagruppe or an organization over a period (JSON,
/// or with `format` a CSV or XLSX file).
#[utoipa::path(get, path = "/api/v1/figures", security((), ("bearer" = [])), tag = "figures", params(FiguresQuery),
    responses((status = 200, body = FiguresDto), (status = 422, body = ErrorBody)))]
pub async fn figures(
    State(state): State<AppState>,
    reader: ApiReader,
    axum::extract::Query(q): axum::extract::Query<FiguresQuery>,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    use idespor_domain::DomainError;
    // Who may read comes before what was asked: a caller without credentials hears 401 while the
    // figures are closed, whatever the query says.
    state.svc.may_read(reader.reader(), idespor_domain::public::PublicPage::Figures).await?;
    let scope = idespor_domain::figures::Scope::parse(q.scope.as_deref().unwrap_or("community"))
        .ok_or(DomainError::invalid("scope", "scope_unknown"))?;
    let today = state.svc.now().to_zoned_datetime(crate::i18n::copenhagen().clone()).date();
    let date = |raw: &Option<String>, default: jiff::civil::Date, field: &'static str| match raw {
        Some(s) => s.parse::<jiff::civil::Date>().map_err(|_| DomainError::invalid(field, "date_invalid")),
        None => Ok(default),
    };
    let to = date(&q.to, today, "to")?;
    let from = date(&q.from, today.checked_sub(jiff::Span::new().years(1)).unwrap_or(today), "from")?;
    let f = state.svc.figures_for(reader.reader(), scope, from, to).await?;
    if let Some(format) = q.format.as_deref() {
        let format =
            crate::export::FileFormat::parse(format).ok_or(DomainError::invalid("format", "format_unknown"))?;
        return Ok(crate::export::download(&idespor_domain::service::figures_table(&f), reader.viewer.lang, format));
    }
    let shares = state.svc.release_shares_for(reader.reader()).await?;
    Ok(Json(FiguresDto {
        scope: f.scope.key(),
        from: from.to_string(),
        to: to.to_string(),
        counts: f.counts.iter().map(|(k, v)| ((*k).to_string(), *v)).collect(),
        declines: f
            .declines
            .iter()
            .map(|d| (d.level.map(|l| l.as_str().to_string()).unwrap_or_else(|| "unknown".into()), d.count))
            .collect(),
        stage_times: f
            .stage_times
            .iter()
            .map(|s| StageTimeDto {
                stage: s.stage.as_str().into(),
                count: s.count,
                median_days: s.median_days,
                p90_days: s.p90_days,
            })
            .collect(),
        target_days: f.target_days,
        answered_within_target: f.answered_within_target,
        answered_late: f.answered_late,
        late: f.late.iter().map(|l| (l.idea_id.0, l.days, l.answered)).collect(),
        release_shares: shares
            .into_iter()
            .map(|r| ReleaseShareDto {
                customer_share: r.customer_share(),
                version: r.release.version,
                customer_ideas: r.customer_ideas,
                other_items: r.other_items,
            })
            .collect(),
    })
    .into_response())
}
