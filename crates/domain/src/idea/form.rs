//! The idea template the vendor and the erfagrupper agreed on: title, the writer's role, the
//! work situation, the need (a need, not a feature), the expected effect, the product area.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::ProductAreaId;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 150;
pub const TEXT_MAX: usize = 5000;
pub const ROLE_MAX: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IdeaForm {
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaInput {
    pub title: String,
    pub role: String,
    pub situation: String,
    pub need: String,
    pub effect: String,
    pub product_area_id: ProductAreaId,
}

impl IdeaInput {
    /// What the idea is found by: its stems, weighted by where they stand.
    pub fn search_terms(&self) -> Vec<(String, i32)> {
        use crate::search::{WEIGHT_NEED, WEIGHT_OTHER, WEIGHT_TITLE, index_terms};
        index_terms(&[
            (&self.title, WEIGHT_TITLE),
            (&self.need, WEIGHT_NEED),
            (&self.role, WEIGHT_OTHER),
            (&self.situation, WEIGHT_OTHER),
            (&self.effect, WEIGHT_OTHER),
        ])
    }
}

fn text(field: &'static str, raw: &str, max: usize, required: bool, errors: &mut FieldErrors) -> String {
    let value = raw.trim().to_string();
    if required && value.is_empty() {
        errors.add(field, "required");
    } else if field == "title" {
        // The title is one line (mail subjects, feed titles, calendar summaries).
        crate::text::check_line(errors, field, &value, max);
    } else {
        crate::text::check(errors, field, &value, max);
    }
    value
}

impl IdeaForm {
    pub fn from_idea(idea: &super::Idea) -> Self {
        Self {
            title: idea.title.clone(),
            role: idea.role.clone(),
            situation: idea.situation.clone(),
            need: idea.need.clone(),
            effect: idea.effect.clone(),
            product_area_id: idea.product_area_id.to_string(),
        }
    }

    /// Parses a draft: a title, a need and a product area are enough to save it.
    pub fn parse(&self) -> DomainResult<IdeaInput> {
        let mut errors = FieldErrors::new();
        let title = text("title", &self.title, TITLE_MAX, true, &mut errors);
        let role = text("role", &self.role, ROLE_MAX, false, &mut errors);
        let situation = text("situation", &self.situation, TEXT_MAX, false, &mut errors);
        let need = text("need", &self.need, TEXT_MAX, true, &mut errors);
        let effect = text("effect", &self.effect, TEXT_MAX, false, &mut errors);
        let area = self.product_area_id.trim().parse::<i64>().ok();
        if area.is_none() {
            errors.add("product_area_id", "product_area_unknown");
        }
        errors.into_result(()).map(|()| IdeaInput {
            title,
            role,
            situation,
            need,
            effect,
            product_area_id: ProductAreaId(area.unwrap_or_default()),
        })
    }
}

impl IdeaInput {
    /// An idea is submitted only with the whole template filled in.
    pub fn check_complete(&self) -> DomainResult<()> {
        let mut errors = FieldErrors::new();
        for (field, value) in [("role", &self.role), ("situation", &self.situation), ("effect", &self.effect)] {
            if value.trim().is_empty() {
                errors.add(field, "required_to_submit");
            }
        }
        errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_needs_title_need_and_area_and_submission_the_rest() {
        let form = IdeaForm {
            title: "Overblik".into(),
            need: "Vi mangler overblik".into(),
            product_area_id: "1".into(),
            ..Default::default()
        };
        let input = form.parse().unwrap_or_else(|e| panic!("{e}"));
        let Err(crate::DomainError::Invalid(errors)) = input.check_complete() else { panic!("incomplete") };
        assert_eq!(errors.for_field("effect"), Some("required_to_submit"));
        let Err(crate::DomainError::Invalid(errors)) = IdeaForm::default().parse() else { panic!("empty") };
        assert_eq!(errors.for_field("title"), Some("required"));
        assert_eq!(errors.for_field("need"), Some("required"));
        assert_eq!(errors.for_field("product_area_id"), Some("product_area_unknown"));
        let long = IdeaForm { title: "x".repeat(TITLE_MAX + 1), ..form };
        let Err(crate::DomainError::Invalid(errors)) = long.parse() else { panic!("long") };
        assert_eq!(errors.for_field("title"), Some("too_long"));
    }
}
