//! Options of the registry's select lists, translated for the viewer.

use halqe_app::fields::{Field, Taxonomy};
use halqe_domain::province::Province;
use halqe_domain::registry::{Availability, Degree, MemberRole, OrgKind, Visibility};

use crate::context::Ctx;

/// One `<option>`: the submitted value and its label.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

fn keyed(ctx: &Ctx, prefix: &str, codes: impl IntoIterator<Item = &'static str>) -> Vec<Choice> {
    codes.into_iter().map(|c| Choice { value: c.to_owned(), label: ctx.tk(prefix, c) }).collect()
}

pub fn provinces(ctx: &Ctx) -> Vec<Choice> {
    Province::ALL.iter().map(|p| Choice { value: p.code().to_owned(), label: ctx.province(p).to_owned() }).collect()
}

pub fn degrees(ctx: &Ctx) -> Vec<Choice> {
    keyed(ctx, "degree", Degree::ALL.map(Degree::code))
}

pub fn availabilities(ctx: &Ctx) -> Vec<Choice> {
    keyed(ctx, "availability", Availability::ALL.map(Availability::code))
}

pub fn visibilities(ctx: &Ctx) -> Vec<Choice> {
    keyed(ctx, "visibility", Visibility::ALL.map(Visibility::code))
}

pub fn org_kinds(ctx: &Ctx) -> Vec<Choice> {
    keyed(ctx, "org-kind", OrgKind::ALL.map(OrgKind::code))
}

pub fn member_roles(ctx: &Ctx) -> Vec<Choice> {
    keyed(ctx, "member-role", MemberRole::ALL.map(MemberRole::code))
}

/// A top-level field of the taxonomy with its sub-fields, for `<optgroup>`s and checkbox groups.
#[derive(Debug, Clone)]
pub struct FieldGroup {
    pub field: Field,
    pub children: Vec<Field>,
}

pub fn field_groups(taxonomy: &Taxonomy) -> Vec<FieldGroup> {
    taxonomy.groups().into_iter().map(|(field, children)| FieldGroup { field, children }).collect()
}
