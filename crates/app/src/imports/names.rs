//! The names a file may use for an entry of a closed list: the taxonomy by every name, and the values staff
//! mapped to an entry; a value neither names is kept as the record's own text.

use std::collections::HashMap;

use halqe_db::fields::Field;
use halqe_db::kept_values::ValueMapping;
use halqe_domain::kept_value::KeptColumn;

use super::columns::fold;
use super::problem::{Issue, Reason};

/// The taxonomy and the staff mappings of one run, folded.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Field ids by every name (Persian, English, id).
    fields: HashMap<String, String>,
    /// Targets by column code and folded value.
    mapped: HashMap<(String, String), String>,
}

impl Names {
    pub fn new(fields: &[Field], mappings: &[ValueMapping]) -> Self {
        let mut by_name = HashMap::new();
        for f in fields {
            for name in [&f.id, &f.name_fa, &f.name_en] {
                by_name.entry(fold(name)).or_insert_with(|| f.id.clone());
            }
        }
        let mapped =
            mappings.iter().map(|m| ((m.column_code.clone(), m.value_key.clone()), m.target.clone())).collect();
        Self { fields: by_name, mapped }
    }

    /// The field a cell names, by its name or id.
    pub fn field(&self, name: &str) -> Option<String> {
        self.fields.get(&fold(name)).cloned()
    }

    /// A `choose` for [`super::columns::Cells::chosen`]: the entry `parse` finds, else the one staff mapped
    /// the value to, else `None` and a [`Reason::Kept`] flag (the cell is kept as text).
    pub fn rule(
        &self,
        column: KeptColumn,
        parse: impl FnOnce(&str) -> Option<String>,
    ) -> impl FnOnce(&str, &mut Vec<Issue>) -> Option<String> {
        move |s, issues| {
            let found = parse(s).or_else(|| self.mapped.get(&(column.code().to_owned(), fold(s))).cloned());
            if found.is_none() {
                issues.push(Issue::new(column.code(), Reason::Kept));
            }
            found
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(id: &str, fa: &str, en: &str) -> Field {
        Field { id: id.into(), parent_id: None, name_fa: fa.into(), name_en: en.into(), position: 0 }
    }

    #[test]
    fn a_value_is_named_by_the_list_then_by_a_mapping_else_kept() {
        let mapping = ValueMapping {
            column_code: "field".into(),
            value_key: fold("هوش مصنوعی در پزشکی"),
            value: "هوش مصنوعی در پزشکی".into(),
            target: "ai".into(),
        };
        let names = Names::new(&[field("ai", "هوش مصنوعی", "Artificial intelligence")], &[mapping]);
        let mut issues = Vec::new();
        let by_field = |s: &str| names.field(s);
        assert_eq!(names.rule(KeptColumn::Field, by_field)("artificial  Intelligence", &mut issues), Some("ai".into()));
        assert_eq!(names.rule(KeptColumn::Field, by_field)("هوش‌مصنوعی در پزشكی", &mut issues), Some("ai".into()));
        assert!(issues.is_empty());
        assert_eq!(names.rule(KeptColumn::Field, by_field)("سلامت دیجیتال", &mut issues), None);
        assert_eq!(issues, vec![Issue::new("field", Reason::Kept)]);
        assert_eq!(names.rule(KeptColumn::Province, |_| None)("هوش مصنوعی در پزشکی", &mut Vec::new()), None);
    }
}
