//! `idespor bench-bare`: the floor the idea list is measured against (not for production). It
//! serves `/ideas` from the same store query and the same database as the real idea list, but with
//! no session, no CSRF, no template, no i18n and no middleware: rows written straight into a
//! string. The benchmark compares the two; the difference is what the product's layers cost.

use axum::Router;
use axum::extract::State;
use axum::response::Html;
use axum::routing::get;
use idespor_domain::idea::PAGE_SIZE;
use idespor_domain::idea::{IdeaFilter, IdeaSort};
use idespor_domain::service::Services;
use std::fmt::Write;

#[derive(Clone)]
struct Bare {
    svc: Services,
    viewer: Option<idespor_domain::UserId>,
}

/// Serves the bare idea list on `bind` until the process is stopped.
pub async fn serve(svc: Services, bind: std::net::SocketAddr, viewer_email: &str) -> anyhow::Result<()> {
    let viewer =
        svc.store.find_login_candidate(viewer_email).await.map_err(|e| anyhow::anyhow!("{e}"))?.map(|c| c.user.id);
    let app = Router::new().route("/ideas", get(ideas)).with_state(Bare { svc, viewer });
    let listener = tokio::net::TcpListener::bind(bind).await?;
    println!("bench-bare: serving /ideas on http://{bind}");
    axum::serve(listener, app).await?;
    Ok(())
}

async fn ideas(State(bare): State<Bare>) -> Result<Html<String>, String> {
    let filter = IdeaFilter { viewer: bare.viewer, ..IdeaFilter::default() };
    let page = bare.svc.store.list_ideas(&filter, IdeaSort::Newest, 1, PAGE_SIZE).await.map_err(|e| e.to_string())?;
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!doctype html><title>ideas</title><ul>");
    for idea in &page.ideas {
        let _ = write!(
            out,
            "<li><a href=\"/ideas/{}\">{}</a> {} {} {}</li>",
            idea.id.0,
            escape(&idea.title),
            idea.status.as_str(),
            idea.support_count,
            escape(&idea.product_area)
        );
    }
    let _ = write!(out, "</ul><p>{} ideas</p>", page.total);
    Ok(Html(out))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
