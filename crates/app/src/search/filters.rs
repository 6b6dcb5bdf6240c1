//! Directory and match filters as the pages' query strings and the API's JSON send them, parsed once.

use halqe_domain::province::Province;
use halqe_domain::registry::OrgKind;
use halqe_search::DocKind;
use halqe_search::query::Filters;

/// Filter values as sent; a blank value filters nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterInput<'a> {
    /// `person` or `organization`.
    pub kind: &'a str,
    /// A field slug of the taxonomy.
    pub field: &'a str,
    /// A province code or Persian name.
    pub province: &'a str,
    /// An organization kind code.
    pub org_kind: &'a str,
    /// Only verified profiles.
    pub verified: bool,
}

impl FilterInput<'_> {
    /// The index filters. An unknown kind, province or organization kind filters nothing, so an old link
    /// still searches; needs and challenges are never listed.
    pub fn filters(&self) -> Filters {
        Filters {
            kind: DocKind::parse(self.kind).filter(|k| matches!(k, DocKind::Person | DocKind::Organization)),
            field: Some(self.field.trim()).filter(|f| !f.is_empty()).map(str::to_owned),
            province: Province::parse(self.province).ok().map(|p| p.code().to_owned()),
            org_kind: OrgKind::parse(self.org_kind).ok().map(|k| k.code().to_owned()),
            verified_only: self.verified,
            ..Filters::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_filter_and_unknown_ones_do_not() {
        let f =
            FilterInput { kind: "organization", field: "hr", province: "isfahan", org_kind: "startup", verified: true };
        let f = f.filters();
        assert_eq!(f.kind, Some(DocKind::Organization));
        assert_eq!(
            (f.field.as_deref(), f.province.as_deref(), f.org_kind.as_deref()),
            (Some("hr"), Some("isfahan"), Some("startup"))
        );
        assert!(f.verified_only);
        let none = FilterInput { kind: "need", field: " ", province: "atlantis", org_kind: "guild", verified: false };
        assert_eq!(none.filters(), Filters::default());
    }
}
